import "server-only";
import type { Prisma } from "../../generated/prisma/client";
import { DomainError } from "../errors";
import { USER_ERROR_CODES } from "./user-error-codes";

/**
 * Locks the partner row for the rest of the transaction, so two admins changing each other at the
 * same moment are serialised and can't both pass the last-admin check below.
 */
export async function lockPartnerUsers(tx: Prisma.TransactionClient, partnerId: string): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "Partner" WHERE "id" = ${partnerId} FOR UPDATE`;
}

/** Throws LastAdmin when no other active ADMIN_AGENT of the partner would remain. */
export async function assertAnotherActiveAdmin(
  tx: Prisma.TransactionClient,
  partnerId: string,
  userId: string,
  change: "deactivate" | "demote",
): Promise<void> {
  const others = await tx.user.count({
    where: { partnerId, role: "ADMIN_AGENT", active: true, id: { not: userId } },
  });
  if (others > 0) return;
  const what = change === "deactivate" ? "deactivated" : "given another role";
  throw new DomainError(
    USER_ERROR_CODES.LastAdmin,
    `This is the partner's last active admin agent, so it can't be ${what}. Make another user an admin agent first.`,
    { status: 409, fields: { userId: "Last active admin agent." } },
  );
}
