// Retention by the month: detaches and drops the raw usage partitions whose whole month ended at or
// before `cutoff` (instant, and no dead rows left for VACUUM, where a DELETE of a month's millions
// of rows is neither). Rated lines are billing history and keep all their months. Unscoped
// ("unsafe"): a month's partition holds every partner's records. Under the upkeep's advisory lock,
// so a concurrent upkeep never sees a half-dropped month.
import type { RawSql } from "../database/open-database";
import { USAGE_PARTITIONS_LOCK_KEY } from "./usage-partition-tables";

const USAGE_MONTH = /^UsageRecord_(\d{4})_(\d{2})$/;

/** Returns the dropped partitions' names, oldest first. */
export async function unsafeDropExpiredUsageMonths(sql: Pick<RawSql, "transaction">, cutoff: Date): Promise<string[]> {
  return sql.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock($1)`, [USAGE_PARTITIONS_LOCK_KEY]);
    // Attaching or detaching a partition waits for the ingests writing the table; while it waits,
    // every later query on the table queues behind it. Give up instead (the next daily run retries;
    // the partitions are made two months ahead).
    await tx.query(`SET LOCAL lock_timeout = '10s'`);
    const { rows } = await tx.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '"UsageRecord"'::regclass`,
    );
    const expired = rows
      .map((row) => row.name)
      .filter((name) => {
        const match = USAGE_MONTH.exec(name);
        // Date.UTC's month is 0-based: the 1-based month number gives the first day of the next month, the month's end.
        return match !== null && Date.UTC(Number(match[1]), Number(match[2]), 1) <= cutoff.getTime();
      })
      .sort();
    for (const name of expired) {
      await tx.query(`ALTER TABLE "UsageRecord" DETACH PARTITION "${name}"`);
      await tx.query(`DROP TABLE "${name}"`);
    }
    return expired;
  });
}
