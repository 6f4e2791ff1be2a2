import "server-only";
import type { PrismaClient } from "../../generated/prisma/client";
import { lockSignInThrottles } from "./lock-sign-in-throttles";
import { throttleDelaySeconds, throttleKey, throttleKindOf } from "./sign-in-throttle-policy";

/**
 * After a correct password: the account-ip key starts over, and the attempt admitSignInAttempt
 * counted on the shared keys (the address, the account) is taken back, so colleagues signing in
 * from one office address don't use up its allowance.
 */
export async function settleSignInAttempt(prisma: PrismaClient, input: { email: string; ip: string }): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const rows = await lockSignInThrottles(tx, [throttleKey("ip", input.email, input.ip), throttleKey("account", input.email, input.ip)]);
    for (const row of rows) {
      const attempts = Math.max(0, row.failures - 1);
      const recomputed = new Date(row.lastAttemptAt.getTime() + throttleDelaySeconds(throttleKindOf(row.key), attempts) * 1000);
      await tx.signInThrottle.update({
        where: { key: row.key },
        data: { failures: attempts, blockedUntil: recomputed < row.blockedUntil ? recomputed : row.blockedUntil },
        select: { key: true },
      });
    }
    await tx.signInThrottle.deleteMany({ where: { key: throttleKey("account-ip", input.email, input.ip) } });
  });
}
