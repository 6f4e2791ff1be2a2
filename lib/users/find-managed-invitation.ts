import "server-only";
import type { Prisma } from "../../generated/prisma/client";
import type { PartnerScope } from "../auth/partner-scope";
import { notFound } from "../errors";
import { managedUserPartnerIds } from "./managed-partner";

/** An invitation of a partner the scope manages, or NotFound (a foreign id looks like a missing one). */
export async function findManagedInvitation(tx: Prisma.TransactionClient, scope: PartnerScope, invitationId: string) {
  const invitation = await tx.userInvitation.findFirst({
    where: { id: invitationId, partnerId: { in: managedUserPartnerIds(scope) } },
    select: {
      id: true,
      partnerId: true,
      email: true,
      displayName: true,
      role: true,
      customerId: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
    },
  });
  if (!invitation) throw notFound("Invitation");
  return invitation;
}
