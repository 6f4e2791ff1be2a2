// The matching: one INSERT … SELECT classifies every key of an import — Microsoft's billed lines
// and the partner's rated lines of the period, each summed per subscription × commerce meter ×
// resource × day, joined FULL OUTER on that key. The day is azureStack.EventDateTime's (the
// original usage day, kept when usage is re-dated) against the rated line's eventDate, else
// UsageDate against usageDate; the legacy file has no resource, so both sides are summed without it
// there. Unscoped ("unsafe"): the caller passes an import it resolved within the partner's scope.
// Not "server-only": the bench runs it.
import type { SqlTransaction } from "../database/open-database";
import { lowerText } from "./billed-lines-sql";

/** The statement, for the bench's EXPLAIN (BENCH_EXPLAIN=1). */
export const MATCH_SQL = `
WITH imp AS (
  SELECT "partnerId", "format" = 'LEGACY' AS legacy, "quantityTolerancePercent" AS tol,
         to_date("period" || '-01', 'YYYY-MM-DD') AS first_day
    FROM "ReconciliationImport" WHERE "id" = $1
),
subs AS (
  SELECT s."id" AS sub, s."customerId" FROM "AzureSubscription" s, imp WHERE s."rollsUpToPartnerId" = imp."partnerId"
),
billed AS (
  SELECT b."subscriptionId" AS sub, b."meterId" AS meter, b."resourceUri" AS res, COALESCE(b."eventDate", b."usageDate") AS day,
         sum(b."quantity") AS q, min(b."unitPrice") AS pmin, max(b."unitPrice") AS pmax, sum(b."total") AS total,
         max(b."customerTenantId") AS tenant
    FROM "ReconciliationBilledLine" b WHERE b."importId" = $1
   GROUP BY 1, 2, 3, 4
),
rated AS (
  SELECT l."azureSubscriptionId" AS sub, l."commerceMeterId" AS meter,
         CASE WHEN imp.legacy THEN '' ELSE ${lowerText(`l."resourceUri"`)} END AS res,
         CASE WHEN imp.legacy THEN l."usageDate" ELSE l."eventDate" END AS day,
         sum(l."quantity") AS q, min(l."unitPrice") AS pmin, max(l."unitPrice") AS pmax,
         sum(COALESCE(floor(l."unitPrice" * l."quantity" * 100) / 100, 0)) AS total,
         bool_and(l."unregisteredTenant") AS unregistered, max(l."mappedTenantId"::text) AS tenant, min(l."registrationId") AS reg
    FROM "RatedUsageLine" l, imp
   WHERE l."azureSubscriptionId" IN (SELECT sub FROM subs)
     AND l."usageDate" >= imp.first_day AND l."usageDate" < (imp.first_day + interval '1 month')::date
   GROUP BY 1, 2, 3, 4
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
           WHEN j.rsub IS NULL AND s.sub IS NULL THEN 'FOREIGN_SUBSCRIPTION'
           WHEN j.rsub IS NULL THEN 'BILLED_NOT_REPORTED'
           WHEN j.sub IS NULL THEN 'REPORTED_NOT_BILLED'
           WHEN j.unregistered THEN 'UNREGISTERED_TENANT'
           WHEN abs(j.q - j.rq) > abs(j.rq) * imp.tol / 100 THEN 'QUANTITY_DIFFERS'
           WHEN j.pmin IS DISTINCT FROM j.rpmin OR j.pmax IS DISTINCT FROM j.rpmax THEN 'PRICE_DIFFERS'
           ELSE 'MATCHED'
         END AS class
    FROM joined j CROSS JOIN imp LEFT JOIN subs s ON s.sub = j.key_sub
)
INSERT INTO "ReconciliationLine" ("importId", "class", "subscriptionId", "meterId", "resourceUri", "usageDate", "customerId", "registrationId", "tenantId",
  "billedQuantity", "ratedQuantity", "billedUnitPrice", "ratedUnitPrice", "billedTotal", "ratedTotal", "moneyAtStake")
SELECT $1, k.class::"ReconciliationClass", k.sub, k.meter, k.res, k.day, k."customerId", k.reg,
       CASE WHEN k.class = 'UNREGISTERED_TENANT' THEN k.rtenant ELSE k.btenant END,
       k.bq, k.rq, k.bprice, k.rprice, k.btotal, k.rtotal,
       CASE
         WHEN k.class IN ('FOREIGN_SUBSCRIPTION', 'BILLED_NOT_REPORTED', 'UNREGISTERED_TENANT') THEN k.btotal
         WHEN k.class = 'REPORTED_NOT_BILLED' THEN -k.rtotal
         ELSE k.btotal - k.rtotal
       END
  FROM keyed k`;

/** Replaces the import's classified lines; returns how many keys it classified. */
export async function unsafeMatchReconciliationImport(tx: Pick<SqlTransaction, "query">, importId: string): Promise<number> {
  // Both sides are grouped in hash tables (~270 bytes a key): with the default 4 MB a million-line
  // file spilled them to disk in dozens of batches, with 128 MB still in 5 (measured). For this
  // transaction only.
  await tx.query(`SET LOCAL work_mem = '256MB'`);
  // With the billed lines analysed, a large import's estimated cost calls for JIT, whose LLVM
  // optimisation of these expressions costs more than it saves (as in the staging's INSERT).
  await tx.query(`SET LOCAL jit = off`);
  await tx.query(`DELETE FROM "ReconciliationLine" WHERE "importId" = $1`, [importId]);
  await tx.query(MATCH_SQL, [importId]);
  const { rows } = await tx.query<{ count: string }>(`SELECT count(*)::text AS count FROM "ReconciliationLine" WHERE "importId" = $1`, [importId]);
  return Number(rows[0]?.count ?? 0);
}
