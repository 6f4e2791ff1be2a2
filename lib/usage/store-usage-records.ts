// Set-based storage of a batch's prepared rows: COPY into a per-connection temporary staging table,
// then one INSERT … SELECT that also rates what it inserted. Fresh usage (the normal case) takes a
// plain INSERT under a savepoint: ON CONFLICT's speculative insertion measured about twice as slow.
// When a natural key already exists the plain INSERT fails at once (unique violation), is rolled
// back to the savepoint, and the batch goes through INSERT … ON CONFLICT DO NOTHING plus one UPDATE
// for the corrections, rated the same way. Runs inside the ingest transaction. No "server-only":
// the benchmark script imports it.
import type { SqlTransaction } from "../database/open-database";
import type { PhaseTimer } from "./phase-timer";
import { encodeUsageChunks, USAGE_ROW_COLUMNS, type UsageRowEncoder } from "./prepare-usage-rows";
import { CHANGED_RECORD_COLUMNS, writeAndRateSql } from "./rate-usage";

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
  "commerceQuantity" numeric(28, 10), "usageDate" date NOT NULL, "redated" boolean NOT NULL, "ord" integer NOT NULL
) ON COMMIT DELETE ROWS`;

const FRESH_SQL = writeAndRateSql(
  `SELECT $1::text AS "registrationId", ${CHANGED_RECORD_COLUMNS.replace(/"registrationId",\s*/, "").replace(/"(\w+)"/g, 's."$1"')},
          s."commerceQuantity" AS "delta" FROM ${STAGE} s`,
  { name: "inserted", cte: `INSERT INTO "UsageRecord" ("registrationId", "batchId", ${ROW_COLUMNS}) SELECT $1, $2, ${STAGED} FROM ${STAGE} s RETURNING 1` },
);

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
 * Staged rows whose key (hour, series key) is taken by ANOTHER natural key: an md5 collision. Never
 * expected (the stamp would have to forge one against its own registration), but the key must stay
 * exact, so the batch fails instead of counting such a record as a duplicate.
 */
const COLLISIONS_SQL = `SELECT count(*)::int AS "n" FROM ${STAGE} s JOIN "UsageRecord" o ON o."usageStart" = s."usageStart" AND o."seriesKey" = s."seriesKey"
  WHERE NOT (${SAME_SERIES})`;

/**
 * Encodes `records` and streams them into the staging table (the database parses while the next
 * slice is encoded), removes rows a later record of the batch superseded, then stores them for a
 * registration and, when `rate`, adds them to the daily rated lines. Identical replays count as
 * neither inserted nor corrected. `stored`: the distinct natural keys staged.
 */
export async function storeUsageRows(
  tx: SqlTransaction,
  registrationId: string,
  batchId: string,
  records: readonly unknown[],
  encoder: UsageRowEncoder,
  rate: boolean,
  timer?: PhaseTimer,
): Promise<StoreResult & { stored: number }> {
  await tx.query(STAGE_DDL);
  const encoding = { ms: 0 };
  await tx.copyFrom(`COPY ${STAGE} (${ROW_COLUMNS}, "ord") FROM STDIN`, encodeUsageChunks(records, encoder, encoding));
  if (encoder.superseded.length > 0) await tx.query(`DELETE FROM ${STAGE} WHERE "ord" = ANY($1::int[])`, [encoder.superseded]);
  timer?.split("prepare", encoding.ms, "copy");
  const stored = encoder.encoded - encoder.superseded.length;
  if (stored === 0) return { inserted: 0, corrected: 0, stored };
  const params = [registrationId, batchId, rate];
  await tx.query("SAVEPOINT usage_fresh");
  try {
    const fresh = (await tx.query<{ written: number }>(FRESH_SQL, params)).rows[0].written;
    await tx.query("RELEASE SAVEPOINT usage_fresh");
    timer?.lap("insert+rate");
    return { inserted: fresh, corrected: 0, stored };
  } catch (error) {
    if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
    await tx.query("ROLLBACK TO SAVEPOINT usage_fresh");
    timer?.lap("fresh-attempt");
  }
  const inserted = (await tx.query<{ written: number }>(INSERT_SQL, params)).rows[0].written;
  timer?.lap("insert+rate");
  const collisions = (await tx.query<{ n: number }>(COLLISIONS_SQL, [registrationId])).rows[0].n;
  if (collisions > 0) throw new Error(`${collisions} usage record(s) hash to the key of another natural key (md5 collision): batch refused.`);
  const corrected = (await tx.query<{ written: number }>(CORRECT_SQL, params)).rows[0].written;
  timer?.lap("correct+rate");
  return { inserted, corrected, stored };
}
