// A series-day holds hourly records or one daily record, never both (docs/usage-ingest.md "Daily
// records"): summed, the day would count its usage twice. Run inside the ingest transaction after a
// batch is stored, only when daily usage is involved (a Daily batch, or a registration that has
// stored one), so the usage bridge's hourly path pays nothing. The batch's conflicting records are
// removed again (their rated quantity with them) and refused as MixedGranularity. No "server-only":
// runs inside the ingest transaction.
import type { SqlTransaction } from "../database/open-database";
import type { UsageRejection } from "./ingest/domain/create-usage-mapper";
import { checkUsageRecord, type UsageGranularity } from "./ingest/domain/parse-usage-record";
import { usageSeriesKey } from "./ingest/domain/usage-series-key";
import type { UsageRecordList } from "./ingest/wire/usage-record-list";
import { CHANGED_RECORD_COLUMNS, writeAndRateSql } from "./rate-usage";

const DAY_MS = 86_400_000;

export interface MixedGranularityCheck {
  registrationId: string;
  batchId: string;
  granularity: UsageGranularity;
  records: UsageRecordList;
  knownMeters: ReadonlySet<string>;
  nowMs: number;
  /** Whether the batch's records were rated (false: Capacity registrations). */
  rate: boolean;
  /** Indexes already refused (including DuplicateInBatch): not reported twice. */
  refused: ReadonlySet<number>;
}

interface SeriesDay {
  /** The key under which the OTHER granularity stores this series-day. */
  otherKey: string;
  dayStart: Date;
  /** The batch's records of it: their own keys, to remove them, and their indexes, to report them. */
  ownKeys: { usageStart: string; seriesKey: string }[];
  indexes: number[];
}

/** The batch's valid records by series-day. */
async function seriesDaysOf(check: MixedGranularityCheck): Promise<SeriesDay[]> {
  const other: UsageGranularity = check.granularity === "Daily" ? "Hourly" : "Daily";
  const days = new Map<string, SeriesDay>();
  await check.records.ready(Number.MAX_SAFE_INTEGER);
  for (let index = 0; index < check.records.length; index++) {
    if (check.refused.has(index)) continue;
    const checked = checkUsageRecord(check.records.at(index), check.knownMeters, check.nowMs, check.granularity);
    if (!checked.ok) continue;
    const { localSubscriptionId, localMeterId, resourceUri, startMs } = checked.record;
    const dayStartMs = startMs - (startMs % DAY_MS);
    const id = `${dayStartMs}|${localMeterId}|${localSubscriptionId}|${resourceUri}`;
    let day = days.get(id);
    if (!day) {
      const otherKey = usageSeriesKey(check.registrationId, localSubscriptionId, localMeterId, resourceUri, other);
      day = { otherKey, dayStart: new Date(dayStartMs), ownKeys: [], indexes: [] };
      days.set(id, day);
    }
    const seriesKey = usageSeriesKey(check.registrationId, localSubscriptionId, localMeterId, resourceUri, check.granularity);
    day.ownKeys.push({ usageStart: new Date(startMs).toISOString(), seriesKey });
    day.indexes.push(index);
  }
  return [...days.values()];
}

/**
 * Which series-days (by position in the arrays) the other granularity already holds: its daily
 * record at the day's start ($4 = 1 probe), or any of its 24 hourly records ($4 = 24 probes).
 */
const TAKEN_SQL = `SELECT p."position" FROM unnest($2::uuid[], $3::timestamptz[]) WITH ORDINALITY AS p("seriesKey", "dayStart", "position")
  WHERE EXISTS (SELECT 1 FROM generate_series(0, $4::int - 1) h
                  JOIN "UsageRecord" o ON o."usageStart" = p."dayStart" + h * interval '1 hour' AND o."seriesKey" = p."seriesKey"
                 WHERE o."registrationId" = $1)`;

/** The batch's own new rows of those series-days, removed with their rated quantity. $4, $5: their keys. */
const REMOVE_SQL = writeAndRateSql(`
  DELETE FROM "UsageRecord" r USING unnest($4::timestamptz[], $5::uuid[]) AS k("usageStart", "seriesKey")
   WHERE r."usageStart" = k."usageStart" AND r."seriesKey" = k."seriesKey" AND r."registrationId" = $1 AND r."batchId" = $2
  RETURNING ${CHANGED_RECORD_COLUMNS.replace(/"(\w+)"/g, 'r."$1"')}, -COALESCE(r."commerceQuantity", 0) AS "delta"`);

/** Refuses (and un-stores) the batch's records whose series-day the other granularity holds; answers the refusals. */
export async function rejectMixedGranularity(tx: SqlTransaction, check: MixedGranularityCheck): Promise<{ removed: number; rejections: UsageRejection[] }> {
  const days = await seriesDaysOf(check);
  if (days.length === 0) return { removed: 0, rejections: [] };
  const probes = check.granularity === "Daily" ? 24 : 1;
  const taken = await tx.query<{ position: string }>(TAKEN_SQL, [
    check.registrationId,
    days.map((day) => day.otherKey),
    days.map((day) => day.dayStart.toISOString()),
    probes,
  ]);
  if (taken.rows.length === 0) return { removed: 0, rejections: [] };
  const conflicting = taken.rows.map((row) => days[Number(row.position) - 1]);
  const keys = conflicting.flatMap((day) => day.ownKeys);
  const removed = await tx.query<{ written: number }>(REMOVE_SQL, [
    check.registrationId,
    check.batchId,
    check.rate,
    keys.map((key) => key.usageStart),
    keys.map((key) => key.seriesKey),
  ]);
  const stored = check.granularity === "Daily" ? "hourly records" : "a daily record";
  const rejections = conflicting.flatMap((day) =>
    day.indexes.map((index) => ({
      index,
      code: "MixedGranularity" as const,
      reason: `This series already has ${stored} for ${day.dayStart.toISOString().slice(0, 10)}: a day's usage is hourly or daily, never both.`,
    })),
  );
  return { removed: removed.rows[0].written, rejections };
}
