import "server-only";
import type { Prisma } from "../../generated/prisma/client";

/**
 * Ends every session of a user: tokens carry the session version they were issued with, and
 * resolvePartnerScope refuses a token whose version is no longer the user's. Call it in the
 * transaction of the change that must end them (role change, deactivation, password change).
 */
export async function revokeUserSessions(tx: Pick<Prisma.TransactionClient, "user">, userId: string): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } }, select: { id: true } });
}
