// Set-based storage of a batch's records. Fresh usage (the normal case) is inserted under a
// savepoint, and its daily rated lines, summed in Node while encoding, are added in one statement of
// ~2 rows per resource instead of re-reading 50,000 rows to group them in SQL. The records are
// COPYed straight into UsageRecord (on both databases), encoded slice by slice while the database
// parses. When a key already exists (a replay, an overlap, or the same key twice in the batch) the
// COPY fails on the primary key and is rolled back to the savepoint; the batch is encoded again into
// a staging table and stored with INSERT … ON CONFLICT DO NOTHING plus one UPDATE for the
// corrections, each rated from what it wrote. Runs inside the ingest transaction. No "server-only":
// the benchmark imports it.
import type { SqlTransaction } from "../database/open-database";
import type { PhaseTimer } from "./phase-timer";
import type { UsageRecordList } from "./ingest/wire/usage-record-list";
import { arrayLiteral } from "../database/sql-text";
import { RatedLineAccumulator } from "./ingest/domain/rated-line-accumulator";
import { EncodedBatch } from "./ingest/wire/encoded-batch";
import { USAGE_ROW_COLUMNS, type UsageRowEncoder } from "./ingest/wire/create-usage-row-encoder";
import { CHANGED_RECORD_COLUMNS, RATED_LINES_FROM_ARRAYS, rateGroupedLinesSql, writeAndRateSql } from "./rate-usage";

export interface StoreResult {
  inserted: number;
  corrected: number;
}

const STAGE = "usage_ingest_stage";
const UNIQUE_VIOLATION = "23505";
const quoted = (columns: readonly string[]) => columns.map((column) => `"${column}"`).join(", ");
const ROW_COLUMNS = quoted(USAGE_ROW_COLUMNS);
/** `o` (a stored record) and `s` (a staged one) are the same natural key, not just the same hashed key. */
const SAME_SERIES = `o."registrationId" = $1 AND o."localSubscriptionId" = s."localSubscriptionId" AND o."localMeterId" = s."localMeterId"
     AND o."resourceUri" = s."resourceUri"`;
const STAGED = USAGE_ROW_COLUMNS.map((column) => `s."${column}"`).join(", ");

/**
 * TEMP: private to the connection, never WAL-logged; ON COMMIT DELETE ROWS empties it at the end of
 * every transaction (also a failed one), so it is created once per connection and reused. Column
 * types are UsageRecord's, so COPY parses each value once, into its final type and precision.
 */
const STAGE_DDL = `CREATE TEMP TABLE IF NOT EXISTS ${STAGE} (
  "seriesKey" uuid NOT NULL, "localSubscriptionId" text NOT NULL, "localMeterId" uuid NOT NULL, "resourceUri" text NOT NULL,
  "usageStart" timestamptz(3) NOT NULL, "usageEnd" timestamptz(3) NOT NULL, "quantity" numeric(28, 10) NOT NULL,
  "location" text, "additionalInfo" jsonb, "tags" jsonb, "azureSubscriptionId" uuid NOT NULL, "mappedTenantId" uuid,
  "unregisteredTenant" boolean NOT NULL, "providerUsage" boolean NOT NULL, "commerceMeterId" uuid,
  "commerceQuantity" numeric(28, 10), "usageDate" date NOT NULL, "redated" boolean NOT NULL
) ON COMMIT DELETE ROWS`;

/** The fresh path's rating: the lines summed in Node ($2… arrays, RatedLineAccumulator order). */
const RATE_LINES_SQL = rateGroupedLinesSql(RATED_LINES_FROM_ARRAYS);

/**
 * New natural keys are inserted; a key that already exists is left alone here (DO NOTHING, so an
 * identical replay writes nothing) and handled by CORRECT_SQL. $1 registration, $2 batch, $3 rate.
 */
const INSERT_SQL = writeAndRateSql(`
  INSERT INTO "UsageRecord" ("registrationId", "batchId", ${ROW_COLUMNS})
  SELECT $1, $2, ${STAGED} FROM ${STAGE} s
  ON CONFLICT ("usageStart", "seriesKey") DO NOTHING
  RETURNING ${CHANGED_RECORD_COLUMNS}, "commerceQuantity" AS "delta"`);

/**
 * Existing records whose quantity changed: the latest quantity wins and correctedAt is set. The
 * gateway mapping and usage day of the first arrival are kept, so a correction never moves usage
 * between subscriptions or days already rated. `o` is the same row as `r` read in the statement's
 * snapshot, i.e. before the update: the delta for the rated lines. Rows this batch just inserted
 * carry its batchId and are skipped. Running after INSERT_SQL in READ COMMITTED, it also sees keys
 * a concurrent batch committed meanwhile (INSERT … DO NOTHING waited for that batch to finish).
 */
const CORRECT_SQL = writeAndRateSql(`
  UPDATE "UsageRecord" r
     SET "quantity" = s."quantity", "commerceQuantity" = s."commerceQuantity", "usageEnd" = s."usageEnd",
         "additionalInfo" = s."additionalInfo", "tags" = s."tags", "location" = s."location", "batchId" = $2, "correctedAt" = now()
    FROM ${STAGE} s, "UsageRecord" o
   WHERE o."usageStart" = s."usageStart" AND o."seriesKey" = s."seriesKey" AND ${SAME_SERIES}
     AND o."batchId" IS DISTINCT FROM $2 AND o."quantity" IS DISTINCT FROM s."quantity"
     AND r."usageStart" = o."usageStart" AND r."seriesKey" = o."seriesKey"
  RETURNING ${CHANGED_RECORD_COLUMNS.replace(/"(\w+)"/g, 'r."$1"')},
            COALESCE(r."commerceQuantity", 0) - COALESCE(o."commerceQuantity", 0) AS "delta"`);

/**
 * The tags of the rated lines this batch's corrections touched, taken again from all their records:
 * the incremental rating keeps a line's latest tags, which is wrong once the record they came from
 * is corrected to other tags or none (a full rating of the day reads them again). $1 registration, $2 batch.
 */
const RETAG_SQL = `
WITH keys AS (
  SELECT DISTINCT r."azureSubscriptionId", r."commerceMeterId", r."resourceUri", r."usageDate", (r."usageStart" AT TIME ZONE 'UTC')::date AS "eventDate", r."localSubscriptionId"
    FROM "UsageRecord" r
   WHERE r."registrationId" = $1 AND r."batchId" = $2 AND r."correctedAt" IS NOT NULL AND r."commerceMeterId" IS NOT NULL
),
retagged AS (
  SELECT k."azureSubscriptionId", k."commerceMeterId", k."resourceUri", k."usageDate", k."eventDate", k."localSubscriptionId",
         (array_agg(r."tags" ORDER BY r."usageStart" DESC, r."tags"::text COLLATE "C" DESC) FILTER (WHERE r."tags" IS NOT NULL))[1] AS "tags",
         max(r."usageStart") FILTER (WHERE r."tags" IS NOT NULL) AS "tagsAt"
    FROM keys k
    JOIN "UsageRecord" r ON r."registrationId" = $1 AND r."azureSubscriptionId" = k."azureSubscriptionId" AND r."commerceMeterId" = k."commerceMeterId"
                        AND r."resourceUri" = k."resourceUri" AND r."usageDate" = k."usageDate" AND r."localSubscriptionId" = k."localSubscriptionId"
                        AND r."usageStart" >= k."eventDate"::timestamp AT TIME ZONE 'UTC' AND r."usageStart" < (k."eventDate" + 1)::timestamp AT TIME ZONE 'UTC'
   GROUP BY 1, 2, 3, 4, 5, 6
)
UPDATE "RatedUsageLine" l SET "tags" = t."tags", "tagsAt" = t."tagsAt"
  FROM retagged t
 WHERE l."registrationId" = $1 AND l."azureSubscriptionId" = t."azureSubscriptionId" AND l."commerceMeterId" = t."commerceMeterId"
   AND l."resourceUri" = t."resourceUri" AND l."usageDate" = t."usageDate" AND l."eventDate" = t."eventDate" AND l."localSubscriptionId" = t."localSubscriptionId"
   AND (l."tags" IS DISTINCT FROM t."tags" OR l."tagsAt" IS DISTINCT FROM t."tagsAt")`;

/**
 * Staged rows whose key (hour, series key) is taken by ANOTHER natural key: an md5 collision. Never
 * expected (the stamp would have to forge one against its own registration), but the key must stay
 * exact, so the batch fails instead of counting such a record as a duplicate.
 */
const COLLISIONS_SQL = `SELECT count(*)::int AS "n" FROM ${STAGE} s JOIN "UsageRecord" o ON o."usageStart" = s."usageStart" AND o."seriesKey" = s."seriesKey"
  WHERE NOT (${SAME_SERIES})`;

export interface StoreOptions {
  /** Add what is stored to the daily rated lines (false: Capacity registrations). */
  rate: boolean;
  timer?: PhaseTimer;
}

/** A new encoder for the batch; given an accumulator, it also sums the rated lines into it. */
export type UsageEncoderFactory = (ratedLines?: RatedLineAccumulator) => UsageRowEncoder;

/**
 * Encodes `records` and stores them for a registration and, when `rate`, adds them to the daily
 * rated lines. In-batch duplicates are resolved (the later record wins); identical replays count as
 * neither inserted nor corrected. `stored`: the distinct natural keys of the batch; `encoder`: the
 * one whose rejections (and DuplicateInBatch reports) describe the batch. A fresh attempt that fails
 * on an existing key is rolled back and the batch encoded again (cheaper than keeping every line).
 */
export async function storeUsageRows(
  tx: SqlTransaction,
  registrationId: string,
  batchId: string,
  records: UsageRecordList,
  createEncoder: UsageEncoderFactory,
  options: StoreOptions,
): Promise<StoreResult & { stored: number; encoder: UsageRowEncoder }> {
  const { timer } = options;
  const ratedLines = options.rate ? new RatedLineAccumulator() : null;
  let encoder = createEncoder(ratedLines ?? undefined);
  const fresh = new EncodedBatch(records, encoder, false);
  // The rating's parameters, made once every record is encoded: on PostgreSQL while the server still
  // parses the COPY's last chunks. As array literals ("{…}"), the form the driver would send them in.
  let rateParams: string[] | null = null;
  const prepareRating = () => {
    rateParams = ratedLines && ratedLines.size > 0 ? [registrationId, ...ratedLines.arrays().map((values) => arrayLiteral(values))] : null;
  };
  const rateFresh = async () => {
    if (rateParams === null) prepareRating();
    if (rateParams !== null) await tx.query(RATE_LINES_SQL, rateParams);
    await tx.query("RELEASE SAVEPOINT usage_fresh");
    timer?.lap("rate");
  };
  await tx.query("SAVEPOINT usage_fresh");
  try {
    // registrationId (a cuid) and batchId (a uuid) need no COPY escaping. Straight into UsageRecord
    // on PGlite too: a staging table in between wrote and read every row twice, and its INSERT …
    // SELECT logs one WAL record per row where COPY logs one per page (docs/benchmarks.md#pglite-ingest-figures).
    const inserted = await tx.copyFrom(
      `COPY "UsageRecord" ("registrationId", "batchId", ${ROW_COLUMNS}) FROM STDIN`,
      fresh.chunks(`${registrationId}\t${batchId}\t`, prepareRating),
    );
    timer?.split("prepare", fresh.spentMs, "copy");
    await rateFresh();
    return { inserted, corrected: 0, stored: inserted, encoder };
  } catch (error) {
    if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
    await tx.query("ROLLBACK TO SAVEPOINT usage_fresh");
    timer?.lap("fresh-attempt");
  }
  // Slow path: the batch encoded again, lines kept, superseded ones left out of the stage.
  encoder = createEncoder();
  const batch = new EncodedBatch(records, encoder, true);
  await batch.finish();
  await tx.query(STAGE_DDL);
  const stored = await tx.copyFrom(`COPY ${STAGE} (${ROW_COLUMNS}) FROM STDIN`, batch.kept(encoder.superseded));
  timer?.split("prepare", batch.spentMs, "copy");
  if (stored === 0) return { inserted: 0, corrected: 0, stored, encoder };
  const params = [registrationId, batchId, options.rate];
  const inserted = (await tx.query<{ written: number }>(INSERT_SQL, params)).rows[0].written;
  timer?.lap("insert+rate");
  const collisions = (await tx.query<{ n: number }>(COLLISIONS_SQL, [registrationId])).rows[0].n;
  if (collisions > 0) throw new Error(`${collisions} usage record(s) hash to the key of another natural key (md5 collision): batch refused.`);
  const corrected = (await tx.query<{ written: number }>(CORRECT_SQL, params)).rows[0].written;
  if (corrected > 0 && options.rate) await tx.query(RETAG_SQL, [registrationId, batchId]);
  timer?.lap("correct+rate");
  return { inserted, corrected, stored, encoder };
}
