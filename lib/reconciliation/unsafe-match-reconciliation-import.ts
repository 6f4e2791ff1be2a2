// The matching: one INSERT … SELECT classifies every key of an import — Microsoft's billed lines
// and the partner's rated lines of the period, each summed per subscription × commerce meter ×
// resource × day, joined FULL OUTER on that key. The day is azureStack.EventDateTime's (the
// original usage day, kept when usage is re-dated) against the rated line's eventDate, else
// UsageDate against usageDate; the legacy file has no resource, so both sides are summed without it
// there. The classified lines fill a table of their own (no index to maintain row by row) that
// then becomes the import's partition of "ReconciliationLine", its indexes built once as it is
// attached. On PostgreSQL the keys are classified in two parts side by side, each on a connection
// of its own (a part: the keys of every other day), and the table's indexes are built side by side
// too: one backend would leave the second core idle for half the import, and each part's hash
// tables fit in memory where one statement's spilled to disk. Unscoped ("unsafe"): the caller
// passes an import it resolved within the partner's scope. Not "server-only": the bench runs it.
import type { RawSql, SqlTransaction } from "../database/open-database";
import { sqlLiteral } from "../database/sql-text";
import { importTableName } from "./import-table-name";
import { periodDays } from "./period-days";
import { ratedKeysSql } from "./rated-keys-sql";

/** The parts classified side by side on PostgreSQL: the 2 cores of the host the import was measured on. */
const PARTS = 2;

/** Part `part` of PARTS: the keys whose day is `part` days past a multiple of PARTS (both sides of a key share its day). */
const inPart = (day: string, part: number) => `(${day} - DATE '2000-01-01') % ${PARTS} = ${part}`;

/**
 * $1 the import, $2 its partner, $3 the tolerance (percent), and unless `ratedKeys` (the rated side
 * aggregated ahead, unsafeAggregateRatedLines) $4 and $5 the period's first day and the next month's.
 * With `part`, only that part's keys.
 */
function matchSql(target: string, legacy: boolean, ratedKeys: string | null, part: number | null): string {
  const ratedAll = ratedKeys ? `SELECT * FROM ${ratedKeys}` : ratedKeysSql(legacy, { partner: "$2", firstDay: "$4", nextFirstDay: "$5" });
  const rated = part === null ? ratedAll : `SELECT * FROM (${ratedAll}) r WHERE ${inPart("r.day", part)}`;
  const billedDay = `COALESCE(b."eventDate", b."usageDate")`;
  return `
WITH billed AS (
  SELECT b."subscriptionId" AS sub, b."meterId" AS meter, b."resourceUri" AS res, ${billedDay} AS day,
         sum(b."quantity") AS q, min(b."unitPrice") AS pmin, max(b."unitPrice") AS pmax, sum(b."total") AS total,
         max(b."customerTenantId") AS tenant
    FROM "ReconciliationBilledLine" b WHERE b."importId" = $1${part === null ? "" : ` AND ${inPart(billedDay, part)}`}
   GROUP BY 1, 2, 3, 4
),
rated AS (
  ${rated}
),
joined AS (
  SELECT COALESCE(b.sub, r.sub) AS key_sub, b.*, r.sub AS rsub, r.q AS rq, r.pmin AS rpmin, r.pmax AS rpmax, r.total AS rtotal_raw,
         r.unregistered, r.tenant AS rtenant, r.reg, r.meter AS rmeter, r.res AS rres, r.day AS rday
    FROM billed b FULL JOIN rated r ON r.sub = b.sub AND r.meter = b.meter AND r.res = b.res AND r.day = b.day
),
keyed AS (
  SELECT j.key_sub AS sub, COALESCE(j.meter, j.rmeter) AS meter, COALESCE(j.res, j.rres) AS res, COALESCE(j.day, j.rday) AS day,
         j.q AS bq, j.rq, j.pmax AS bprice, j.rpmax AS rprice, COALESCE(j.total, 0) AS btotal, COALESCE(j.rtotal_raw, 0) AS rtotal,
         j.reg, j.rtenant, j.tenant AS btenant, s."customerId",
         CASE
           WHEN j.rsub IS NULL AND s."id" IS NULL THEN 'FOREIGN_SUBSCRIPTION'::"ReconciliationClass"
           WHEN j.rsub IS NULL THEN 'BILLED_NOT_REPORTED'::"ReconciliationClass"
           WHEN j.sub IS NULL THEN 'REPORTED_NOT_BILLED'::"ReconciliationClass"
           WHEN j.unregistered THEN 'UNREGISTERED_TENANT'::"ReconciliationClass"
           WHEN abs(j.q - j.rq) * 100 > abs(j.rq) * $3::numeric THEN 'QUANTITY_DIFFERS'::"ReconciliationClass"
           WHEN j.pmin IS DISTINCT FROM j.rpmin OR j.pmax IS DISTINCT FROM j.rpmax THEN 'PRICE_DIFFERS'::"ReconciliationClass"
           ELSE 'MATCHED'::"ReconciliationClass"
         END AS class
    FROM joined j LEFT JOIN "AzureSubscription" s ON s."id" = j.key_sub AND s."rollsUpToPartnerId" = $2
  -- A fence: flattened into the INSERT's select, the class's CASE would be computed again for each of its 4 uses.
  OFFSET 0
)
INSERT INTO ${target} ("importId", "class", "subscriptionId", "meterId", "resourceUri", "usageDate", "customerId", "registrationId", "tenantId",
  "billedQuantity", "ratedQuantity", "billedUnitPrice", "ratedUnitPrice", "billedTotal", "ratedTotal", "moneyAtStake")
SELECT $1, k.class, k.sub, k.meter, k.res, k.day, k."customerId", k.reg,
       CASE WHEN k.class = 'UNREGISTERED_TENANT'::"ReconciliationClass" THEN k.rtenant ELSE k.btenant END,
       k.bq, k.rq, k.bprice, k.rprice, k.btotal, k.rtotal,
       CASE
         WHEN k.class IN ('FOREIGN_SUBSCRIPTION'::"ReconciliationClass", 'BILLED_NOT_REPORTED', 'UNREGISTERED_TENANT') THEN k.btotal
         WHEN k.class = 'REPORTED_NOT_BILLED'::"ReconciliationClass" THEN -k.rtotal
         ELSE k.btotal - k.rtotal
       END
  FROM keyed k`;
}

export interface MatchOptions {
  /** The rated side aggregated ahead for this import (unsafeAggregateRatedLines): joined, then dropped. */
  ratedKeys?: string | null;
  /** Runs the matching in one statement under EXPLAIN (ANALYZE, BUFFERS) and hands over the plan (the bench's BENCH_EXPLAIN). */
  explain?: (plan: string) => void;
  /**
   * PostgreSQL's pool: the parts are classified side by side on connections of their own, into a
   * table they all see (created and filled outside the caller's transaction, dropped on failure).
   */
  pool?: RawSql;
}

/** The matching's settings, SET LOCAL: they end with the transaction they are set in. */
async function tuneMatching(tx: Pick<SqlTransaction, "query">): Promise<void> {
  // Both sides are grouped in hash tables (~540 bytes a key): with the default 4 MB a million-line
  // file spilled them to disk in dozens of batches, with 256 MB in 5, quicker than in one table at
  // 1 GB (measured). Hash tables may take twice work_mem (hash_mem_multiplier).
  await tx.query(`SET LOCAL work_mem = '256MB'`);
  // A large import's estimated cost calls for JIT, whose LLVM optimisation of these expressions costs more than it saves.
  await tx.query(`SET LOCAL jit = off`);
}

/**
 * Fills `building` (committed, empty) with the import's classified keys, PARTS statements side by
 * side, then builds its indexes side by side: the partition's primary key and indexes, found
 * ready when it is attached. Drops the table when anything fails.
 */
async function classifyInParts(pool: RawSql, building: string, legacy: boolean, ratedKeys: string | null, params: unknown[]): Promise<void> {
  try {
    await Promise.all(
      Array.from({ length: PARTS }, (_, part) =>
        pool.transaction(async (side) => {
          await tuneMatching(side);
          await side.query(matchSql(building, legacy, ratedKeys, part), params);
        }),
      ),
    );
    await Promise.all([
      pool.query(`CREATE UNIQUE INDEX ON ${building} ("importId", "id")`),
      pool.query(`CREATE INDEX ON ${building} ("class")`),
      pool.query(`CREATE INDEX ON ${building} ("customerId")`),
    ]);
    const { rows } = await pool.query<{ name: string }>(
      `SELECT quote_ident(c.relname) AS "name" FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = $1::regclass AND i.indisunique`,
      [building],
    );
    await pool.query(`ALTER TABLE ${building} ADD PRIMARY KEY USING INDEX ${rows[0]?.name}`);
  } catch (error) {
    await pool.query(`DROP TABLE IF EXISTS ${building}`).catch(() => undefined);
    throw error;
  }
}

/** Replaces the import's classified lines; returns how many keys it classified. */
export async function unsafeMatchReconciliationImport(tx: Pick<SqlTransaction, "query">, importId: string, options: MatchOptions = {}): Promise<number> {
  const { rows: imports } = await tx.query<{ partnerId: string; legacy: boolean; tolerance: string; period: string }>(
    `SELECT "partnerId", "format" = 'LEGACY' AS "legacy", "quantityTolerancePercent"::text AS "tolerance", "period" FROM "ReconciliationImport" WHERE "id" = $1`,
    [importId],
  );
  const imported = imports[0];
  if (!imported) throw new Error(`No reconciliation import ${importId}`);
  const partition = importTableName("ReconciliationLine", importId);
  const building = importTableName("ReconciliationLine", importId, "_new");
  const { firstDay, nextFirstDay } = periodDays(imported.period);
  const params = [importId, imported.partnerId, imported.tolerance, ...(options.ratedKeys ? [] : [firstDay, nextFirstDay])];
  const ratedKeys = options.ratedKeys ?? null;
  const create = `CREATE TABLE ${building} (LIKE "ReconciliationLine" INCLUDING DEFAULTS, CHECK ("importId" = ${sqlLiteral(importId)}))`;
  const pool = options.explain ? undefined : options.pool;
  if (pool) {
    await pool.query(`DROP TABLE IF EXISTS ${building}`);
    await pool.query(create);
    await classifyInParts(pool, building, imported.legacy, ratedKeys, params);
  } else {
    await tuneMatching(tx);
    await tx.query(`DROP TABLE IF EXISTS ${building}`);
    await tx.query(create);
    const statement = matchSql(building, imported.legacy, ratedKeys, null);
    if (options.explain) {
      const { rows } = await tx.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statement}`, params);
      options.explain(rows.map((row) => row["QUERY PLAN"]).join("\n"));
    } else await tx.query(statement, params);
  }
  if (options.ratedKeys) await tx.query(`DROP TABLE ${options.ratedKeys}`);
  // Swapped in last: dropping the previous partition locks "ReconciliationLine" whole until the transaction ends.
  await tx.query(`DROP TABLE IF EXISTS ${partition}`);
  await tx.query(`DELETE FROM "ReconciliationLine" WHERE "importId" = $1`, [importId]);
  await tx.query(`ALTER TABLE ${building} RENAME TO ${partition}`);
  await tx.query(`ALTER TABLE "ReconciliationLine" ATTACH PARTITION ${partition} FOR VALUES IN (${sqlLiteral(importId)})`);
  const { rows } = await tx.query<{ count: string }>(`SELECT count(*)::text AS count FROM ${partition}`);
  return Number(rows[0]?.count ?? 0);
}
