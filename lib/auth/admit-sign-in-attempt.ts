import "server-only";
import type { PrismaClient } from "../../generated/prisma/client";
import { lockSignInThrottles } from "./lock-sign-in-throttles";
import { SIGN_IN_THROTTLE_FORGET_AFTER_MS, throttleDelaySeconds, throttleKey, throttleKindOf, type ThrottleKind } from "./sign-in-throttle-policy";

export type SignInAdmission = { admitted: true } | { admitted: false; retryAfterSeconds: number };

const KINDS: ThrottleKind[] = ["account-ip", "ip", "account"];

/**
 * Counts one sign-in attempt before its password is checked, in one transaction holding the rows'
 * locks, so parallel attempts are counted one after another and the ones past the allowance are
 * refused. A refused attempt counts nothing (it checked no password). A correct password gives its
 * count back through settleSignInAttempt.
 */
export async function admitSignInAttempt(prisma: PrismaClient, input: { email: string; ip: string }): Promise<SignInAdmission> {
  const keys = KINDS.map((kind) => throttleKey(kind, input.email, input.ip));
  return prisma.$transaction(async (tx) => {
    const rows = await lockSignInThrottles(tx, keys);
    const now = rows[0].now;
    const wait = Math.max(0, ...rows.map((row) => row.blockedUntil.getTime() - now.getTime()));
    if (wait > 0) return { admitted: false, retryAfterSeconds: Math.ceil(wait / 1000) };
    for (const row of rows) {
      const forgotten = now.getTime() - row.lastAttemptAt.getTime() > SIGN_IN_THROTTLE_FORGET_AFTER_MS;
      const attempts = (forgotten ? 0 : row.failures) + 1;
      const blockedUntil = new Date(now.getTime() + throttleDelaySeconds(throttleKindOf(row.key), attempts) * 1000);
      await tx.signInThrottle.update({
        where: { key: row.key },
        data: { failures: attempts, lastAttemptAt: now, blockedUntil },
        select: { key: true },
      });
    }
    // Keys nobody tried for a day hold nothing worth keeping; pruned now and then, not per attempt.
    if (Math.random() < 0.02) {
      await tx.signInThrottle.deleteMany({
        where: { lastAttemptAt: { lt: new Date(now.getTime() - 24 * 60 * 60_000) }, blockedUntil: { lt: now } },
      });
    }
    return { admitted: true };
  });
}
