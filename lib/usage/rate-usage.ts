// Rating: RatedUsageLine kept up to date incrementally, in one set-based INSERT … SELECT … ON
// CONFLICT: from lines a fresh batch summed in Node (rateGroupedLinesSql, ingest/domain/rated-line-accumulator.ts)
// or, on the replay/correction path, grouped in SQL from the rows the statement wrote
// (writeAndRateSql). No "server-only": runs inside the ingest transaction.
import type { RawSql } from "../database/open-database";

/*
 * Pricing rule (decision):
 * - market = the country of the partner the line's Azure subscription rolls up to (the billing
 *   partner; for a reseller's customer: the distributor). When no published price list covers that
 *   market on the usage day, the "US" list is used (Microsoft's demo and most common list) and the
 *   line records the market actually priced from. No list at all → unitPrice and pretaxAmount null.
 * - the price list version in force on the line's usageDate (latest published effectiveFrom ≤ day,
 *   ties: later publication), items whose own dates include the day, lowest tier (Azure Stack
 *   meters are untiered; tiered rating belongs to monthly invoicing, not daily lines).
 * - pretaxAmount = unitPrice × quantity, unrounded (recon rounds once per line).
 * - eventStart = the line's earliest original hour; tags = the resource's tags of the line's latest
 *   hour that had any (tagsAt; of one hour, the greatest JSON text): the recon file's EventDateTime
 *   and Tags. Both are order-independent, so batches in any order give a rebuild's values.
 * The price list is Microsoft's global list (no partner owns it), so this read is unscoped by
 * design; the records themselves are already limited to one registration.
 */
const LINE_COLUMNS = `r."registrationId", r."azureSubscriptionId", r."commerceMeterId", r."resourceUri", r."usageDate",
         (r."usageStart" AT TIME ZONE 'UTC')::date AS "eventDate", r."localSubscriptionId",
         min(r."localMeterId"::text)::uuid AS "localMeterId", max(r."mappedTenantId"::text)::uuid AS "mappedTenantId",
         bool_or(r."unregisteredTenant") AS "unregisteredTenant", max(r."location" COLLATE "C") AS "location",
         min(r."usageStart") AS "eventStart",
         (array_agg(r."tags" ORDER BY r."usageStart" DESC, r."tags"::text COLLATE "C" DESC) FILTER (WHERE r."tags" IS NOT NULL))[1] AS "tags",
         max(r."usageStart") FILTER (WHERE r."tags" IS NOT NULL) AS "tagsAt"`;

/** Full: every record of the days $2 (rebuild). */
const FULL_LINES = `lines AS MATERIALIZED (
  SELECT ${LINE_COLUMNS}, sum(r."commerceQuantity") AS "quantity"
    FROM "UsageRecord" r
   WHERE r."registrationId" = $1 AND r."usageDate" = ANY($2::date[]) AND r."commerceMeterId" IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5, 6, 7
)`;

/**
 * Incremental: the rows a statement just wrote, from a data-modifying CTE named `changed` (RETURNING
 * CHANGED_RECORD_COLUMNS and "delta", how much the row's commerce quantity changed). Rated only when $3.
 */
const CHANGED_LINES = `lines AS MATERIALIZED (
  SELECT ${LINE_COLUMNS}, sum(r."delta") AS "quantity"
    FROM changed r
   WHERE $3::boolean AND r."commerceMeterId" IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5, 6, 7
)`;

/** What a `changed` CTE must RETURN for the rating (besides "delta"). */
export const CHANGED_RECORD_COLUMNS = `"registrationId", "azureSubscriptionId", "commerceMeterId", "resourceUri", "usageDate", "usageStart",
  "localSubscriptionId", "localMeterId", "mappedTenantId", "unregisteredTenant", "location", "tags"`;

const rateCtes = (lines: string) => `${lines},
sub_days AS MATERIALIZED (
  SELECT d."azureSubscriptionId", d."usageDate", COALESCE(p."country", 'US')::text AS "home"
    FROM (SELECT DISTINCT "azureSubscriptionId", "usageDate" FROM lines) d
    LEFT JOIN "AzureSubscription" s ON s."id" = d."azureSubscriptionId"
    LEFT JOIN "Partner" p ON p."id" = s."rollsUpToPartnerId"
),
-- MATERIALIZED: a fresh table has no statistics, and the planner would otherwise re-run these
-- few-row CTEs once per line (measured: 1,000 lines took 7 s instead of milliseconds).
versions AS MATERIALIZED (
  SELECT d."azureSubscriptionId", d."usageDate", pv.*
    FROM sub_days d
    LEFT JOIN LATERAL (
      SELECT m."market", m."currency", v."id" AS "versionId"
        FROM "PriceListVersionMarket" m JOIN "PriceListVersion" v ON v."id" = m."versionId"
       WHERE v."status" = 'PUBLISHED' AND v."effectiveFrom" <= d."usageDate" AND m."market" IN (d."home", 'US')
       ORDER BY (m."market" = d."home") DESC, v."effectiveFrom" DESC, v."publishedAt" DESC
       LIMIT 1
    ) pv ON true
),
-- One price look-up per (version, market, meter, day), not one per line: a batch has tens of
-- thousands of lines but a handful of meters and days.
prices AS MATERIALIZED (
  SELECT k.*, price."unitPrice"
    FROM (SELECT DISTINCT v."versionId", v."market", l."commerceMeterId", l."usageDate"
            FROM lines l JOIN versions v ON v."azureSubscriptionId" = l."azureSubscriptionId" AND v."usageDate" = l."usageDate"
           WHERE v."versionId" IS NOT NULL) k
    LEFT JOIN LATERAL (
      SELECT i."unitPrice" FROM "PriceListItem" i
       WHERE i."versionId" = k."versionId" AND i."market" = k."market" AND i."meterId" = k."commerceMeterId"
         AND i."effectiveStartDate" <= k."usageDate" AND (i."effectiveEndDate" IS NULL OR i."effectiveEndDate" >= k."usageDate")
       ORDER BY i."tierMin" LIMIT 1
    ) price ON true
)`;

const RATE_INSERT = `INSERT INTO "RatedUsageLine" ("registrationId", "azureSubscriptionId", "commerceMeterId", "resourceUri", "usageDate", "eventDate",
  "localSubscriptionId", "localMeterId", "mappedTenantId", "unregisteredTenant", "location", "quantity", "market", "currency",
  "unitPrice", "priceListVersionId", "pretaxAmount", "eventStart", "tags", "tagsAt")
SELECT l."registrationId", l."azureSubscriptionId", l."commerceMeterId", l."resourceUri", l."usageDate", l."eventDate",
       l."localSubscriptionId", l."localMeterId", l."mappedTenantId", l."unregisteredTenant", l."location", l."quantity",
       v."market", v."currency", p."unitPrice", v."versionId", p."unitPrice" * l."quantity", l."eventStart", l."tags", l."tagsAt"
  FROM lines l
  JOIN versions v ON v."azureSubscriptionId" = l."azureSubscriptionId" AND v."usageDate" = l."usageDate"
  LEFT JOIN prices p ON p."versionId" = v."versionId" AND p."market" = v."market" AND p."commerceMeterId" = l."commerceMeterId"
                    AND p."usageDate" = l."usageDate"
ON CONFLICT ("registrationId", "azureSubscriptionId", "commerceMeterId", "resourceUri", "usageDate", "eventDate", "localSubscriptionId") DO UPDATE
   SET "quantity" = "RatedUsageLine"."quantity" + EXCLUDED."quantity",
       "pretaxAmount" = "RatedUsageLine"."unitPrice" * ("RatedUsageLine"."quantity" + EXCLUDED."quantity"),
       "unregisteredTenant" = "RatedUsageLine"."unregisteredTenant" OR EXCLUDED."unregisteredTenant",
       "eventStart" = LEAST("RatedUsageLine"."eventStart", EXCLUDED."eventStart"),
       "tags" = CASE WHEN EXCLUDED."tagsAt" >= "RatedUsageLine"."tagsAt" OR "RatedUsageLine"."tagsAt" IS NULL THEN COALESCE(EXCLUDED."tags", "RatedUsageLine"."tags")
                     ELSE "RatedUsageLine"."tags" END,
       "tagsAt" = GREATEST("RatedUsageLine"."tagsAt", EXCLUDED."tagsAt"),
       "updatedAt" = now()`;

export const RATE_DAYS_SQL = `WITH ${rateCtes(FULL_LINES)}
${RATE_INSERT}`;

/**
 * One statement that writes records (`changedCte`: a data-modifying statement RETURNING
 * CHANGED_RECORD_COLUMNS and "delta") and adds them to the rated lines when $3 is true, answering
 * how many records it wrote. New lines are priced; existing ones grow (or shrink, for corrections)
 * by the delta and keep the price they were rated at. Cost is proportional to the batch, not to
 * the day, and lines of days whose raw records were purged stay intact.
 */
export function writeAndRateSql(changedCte: string): string {
  return `WITH changed AS (${changedCte}),
${rateCtes(CHANGED_LINES)},
rated AS (${RATE_INSERT} RETURNING 1)
SELECT count(*)::int AS "written" FROM changed`;
}

/**
 * Adds lines already grouped elsewhere (`linesSelect`: the columns of LINE_COLUMNS plus "quantity",
 * one row per line key) to the rated lines, priced like writeAndRateSql's.
 */
export function rateGroupedLinesSql(linesSelect: string): string {
  return `WITH ${rateCtes(`lines AS MATERIALIZED (${linesSelect})`)}
${RATE_INSERT}`;
}

/**
 * Rebuilds the rated lines of one registration's usage days (ISO dates) from the raw records and
 * the prices in force now: a repair tool (e.g. after a price list correction), only while the raw
 * records are still retained (180 days).
 */
export async function unsafeRateUsageDays(sql: Pick<RawSql, "query">, registrationId: string, days: readonly string[]): Promise<void> {
  if (days.length === 0) return;
  await sql.query(`DELETE FROM "RatedUsageLine" WHERE "registrationId" = $1 AND "usageDate" = ANY($2::date[])`, [registrationId, days]);
  await sql.query(RATE_DAYS_SQL, [registrationId, days]);
}

/** SQL: the accumulated lines from parameters $2…$15 (arrays), $1 the registration, as a `lines` CTE body. */
export const RATED_LINES_FROM_ARRAYS = `SELECT $1::text AS "registrationId", u.*
  FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::date[], $6::date[], $7::text[], $8::uuid[], $9::uuid[], $10::boolean[], $11::text[], $12::numeric[],
              $13::timestamptz[], $14::jsonb[], $15::timestamptz[])
    AS u("azureSubscriptionId", "commerceMeterId", "resourceUri", "usageDate", "eventDate", "localSubscriptionId", "localMeterId",
         "mappedTenantId", "unregisteredTenant", "location", "quantity", "eventStart", "tags", "tagsAt")`;
