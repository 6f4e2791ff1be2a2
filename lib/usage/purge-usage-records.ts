// Retention: raw hourly records are kept 180 days (as Azure Stack's own usage API keeps them);
// rated lines are billing history and are kept. No "server-only": scripts/usage-purge.ts runs it,
// and the portal's daily partition upkeep (lib/partitions/schedule-partition-upkeep.ts).
//
// UsageRecord is partitioned by UTC month: the months wholly older than the cutoff are detached and
// dropped. The month the cutoff falls in (and any expired row in the DEFAULT partition) is purged
// row by row, so no record is kept past its 180 days: that month's partition is dropped once its
// last day has expired too.
import type { RawSql } from "../database/open-database";
import { unsafeDropExpiredUsageMonths } from "../partitions/unsafe-drop-expired-usage-months";

export const USAGE_RECORD_RETENTION_DAYS = 180;
/** Deleted in chunks so a large first purge of the boundary month doesn't hold one huge transaction. */
const PURGE_CHUNK = 50_000;

export async function purgeUsageRecords(
  sql: Pick<RawSql, "query" | "transaction">,
  options: { now?: Date; retentionDays?: number } = {},
): Promise<{ deleted: number; droppedPartitions: string[]; cutoff: Date }> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - (options.retentionDays ?? USAGE_RECORD_RETENTION_DAYS) * 86_400_000);
  const droppedPartitions = await unsafeDropExpiredUsageMonths(sql, cutoff);
  let deleted = 0;
  for (;;) {
    // Served by the primary key (usageStart, seriesKey), pruned to the partitions before the cutoff.
    const { rows } = await sql.query<{ n: number }>(
      `WITH doomed AS (SELECT "usageStart", "seriesKey" FROM "UsageRecord" WHERE "usageStart" < $1 LIMIT ${PURGE_CHUNK}),
            gone AS (DELETE FROM "UsageRecord" u USING doomed d WHERE u."usageStart" = d."usageStart" AND u."seriesKey" = d."seriesKey" RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [cutoff.toISOString()],
    );
    const n = rows[0]?.n ?? 0;
    deleted += n;
    if (n < PURGE_CHUNK) return { deleted, droppedPartitions, cutoff };
  }
}
