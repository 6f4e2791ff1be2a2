import "server-only";
import { Prisma } from "../../generated/prisma/client";

export interface ThrottleRow {
  key: string;
  failures: number;
  lastAttemptAt: Date;
  blockedUntil: Date;
  /** The database clock once the lock is held (not the transaction's start: it may have waited). */
  now: Date;
}

/**
 * Creates the throttle rows that don't exist yet and locks all of them for this transaction. Keys
 * are inserted and locked in sorted order, so two attempts sharing keys never deadlock; a second
 * attempt on the same key waits here until the first one's counting has committed.
 */
export async function lockSignInThrottles(tx: Prisma.TransactionClient, keys: string[]): Promise<ThrottleRow[]> {
  const sorted = [...new Set(keys)].sort();
  await tx.$executeRaw`INSERT INTO "SignInThrottle" ("key") VALUES ${Prisma.join(sorted.map((key) => Prisma.sql`(${key})`))} ON CONFLICT ("key") DO NOTHING`;
  return tx.$queryRaw<ThrottleRow[]>`
    SELECT "key", "failures", "lastAttemptAt", "blockedUntil", clock_timestamp() AS "now"
    FROM "SignInThrottle" WHERE "key" IN (${Prisma.join(sorted)}) ORDER BY "key" FOR UPDATE`;
}
