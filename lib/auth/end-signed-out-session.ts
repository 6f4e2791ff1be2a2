import "server-only";
import type { JWT } from "next-auth/jwt";
import { getPrisma } from "../db";
import { recordAuditEvent } from "../audit/record-audit-event";

/**
 * Sign-out: bumps the user's session version, which ends this session and every other one the
 * user has open (copied cookies included). Only a token that is still current can do it, so an old
 * revoked cookie can't be replayed to sign the user out elsewhere.
 */
export async function endSignedOutSession(token: JWT | null | undefined): Promise<void> {
  if (!token?.userId || typeof token.sessionVersion !== "number") return;
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    const ended = await tx.user.updateMany({
      where: { id: token.userId, sessionVersion: token.sessionVersion },
      data: { sessionVersion: { increment: 1 } },
    });
    if (ended.count === 0) return;
    const user = await tx.user.findUniqueOrThrow({ where: { id: token.userId }, select: { partnerId: true } });
    await recordAuditEvent(
      tx,
      { userId: token.userId },
      {
        action: "user.signOut",
        targetType: "User",
        targetId: token.userId,
        partnerId: user.partnerId,
      },
    );
  });
}
