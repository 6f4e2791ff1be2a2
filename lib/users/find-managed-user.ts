import "server-only";
import type { Prisma } from "../../generated/prisma/client";
import type { PartnerScope } from "../auth/partner-scope";
import { DomainError, notFound } from "../errors";
import { USER_ERROR_CODES } from "./user-error-codes";
import { managedUserPartnerIds } from "./managed-partner";

/** A user of a partner the scope manages (never an operator), or NotFound. */
export async function findManagedUser(tx: Prisma.TransactionClient, scope: PartnerScope, userId: string) {
  const user = await tx.user.findFirst({
    where: { id: userId, partnerId: { in: managedUserPartnerIds(scope) } },
    select: { id: true, email: true, displayName: true, role: true, active: true, partnerId: true },
  });
  if (!user || !user.partnerId) throw notFound("User");
  return { ...user, partnerId: user.partnerId };
}

export function assertNotSelf(scope: PartnerScope, userId: string, what: string): void {
  if (scope.userId === userId) {
    throw new DomainError(USER_ERROR_CODES.OwnAccount, `You can't ${what} your own account. Ask another admin agent.`, {
      status: 409,
    });
  }
}
