// Retention: raw hourly records are kept 180 days (as Azure Stack's own usage API keeps them);
// rated lines are billing history and are kept. No "server-only": scripts/usage-purge.ts runs it.
import type { RawSql } from "../database/open-database";

export const USAGE_RECORD_RETENTION_DAYS = 180;
/** Deleted in chunks so a first purge of a large table doesn't hold one huge transaction. */
const PURGE_CHUNK = 50_000;

export async function purgeUsageRecords(
  sql: Pick<RawSql, "query">,
  options: { now?: Date; retentionDays?: number } = {},
): Promise<{ deleted: number; cutoff: Date }> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - (options.retentionDays ?? USAGE_RECORD_RETENTION_DAYS) * 86_400_000);
  let deleted = 0;
  for (;;) {
    // Served by the primary key (usageStart, seriesKey); on a month-partitioned install whole partitions are dropped instead (README).
    const { rows } = await sql.query<{ n: number }>(
      `WITH doomed AS (SELECT "usageStart", "seriesKey" FROM "UsageRecord" WHERE "usageStart" < $1 LIMIT ${PURGE_CHUNK}),
            gone AS (DELETE FROM "UsageRecord" u USING doomed d WHERE u."usageStart" = d."usageStart" AND u."seriesKey" = d."seriesKey" RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [cutoff.toISOString()],
    );
    const n = rows[0]?.n ?? 0;
    deleted += n;
    if (n < PURGE_CHUNK) return { deleted, cutoff };
  }
}
