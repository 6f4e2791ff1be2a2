// Set-based storage of mapped records: one INSERT … SELECT FROM unnest(…) per batch, so 50k records
// cost one statement, not 50k. Deliberately no "server-only": the benchmark script imports it.
import type { RawSql } from "../database/open-database";
import type { MappedUsageRecord } from "./gateway/map-usage-record";

export interface StoreResult {
  inserted: number;
  corrected: number;
  /** The rows written (inserted or corrected) and how much their commerce quantity changed, for incremental rating. */
  changes: { ids: string[]; deltas: string[] };
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/** One array per column, in the order of the unnest() below. */
export function usageRecordColumns(records: readonly MappedUsageRecord[]): unknown[][] {
  return [
    records.map((r) => r.localSubscriptionId),
    records.map((r) => r.localMeterId),
    records.map((r) => r.resourceUri),
    records.map((r) => r.usageStart.toISOString()),
    records.map((r) => r.usageEnd.toISOString()),
    records.map((r) => r.quantity.toString()),
    records.map((r) => r.location),
    records.map((r) => json(r.additionalInfo)),
    records.map((r) => json(r.tags)),
    records.map((r) => r.azureSubscriptionId),
    records.map((r) => r.mappedTenantId),
    records.map((r) => r.unregisteredTenant),
    records.map((r) => r.providerUsage),
    records.map((r) => r.commerceMeterId),
    records.map((r) => r.commerceQuantity?.toString() ?? null),
    records.map((r) => isoDay(r.usageDate)),
    records.map((r) => r.redated),
  ];
}

export const USAGE_RECORD_INSERT_COLUMNS = `"registrationId", "batchId", "localSubscriptionId", "localMeterId", "resourceUri", "usageStart", "usageEnd",
  "quantity", "location", "additionalInfo", "tags", "azureSubscriptionId", "mappedTenantId", "unregisteredTenant",
  "providerUsage", "commerceMeterId", "commerceQuantity", "usageDate", "redated"`;

export const USAGE_RECORD_UNNEST = `SELECT $1::text, $2::text, u.* FROM unnest($3::text[], $4::uuid[], $5::text[], $6::timestamptz[], $7::timestamptz[],
  $8::numeric[], $9::text[], $10::jsonb[], $11::jsonb[], $12::uuid[], $13::uuid[], $14::boolean[], $15::boolean[],
  $16::uuid[], $17::numeric[], $18::date[], $19::boolean[]) AS u`;

const UNNEST_COLUMNS = `"localSubscriptionId", "localMeterId", "resourceUri", "usageStart", "usageEnd", "quantity", "location",
  "additionalInfo", "tags", "azureSubscriptionId", "mappedTenantId", "unregisteredTenant", "providerUsage", "commerceMeterId",
  "commerceQuantity", "usageDate", "redated"`;

/**
 * Upserts on the natural key. An identical replay matches the WHERE of DO UPDATE nowhere and returns
 * no row (a duplicate: no write at all); a changed quantity is a correction: the latest quantity
 * wins and correctedAt is set. The gateway mapping and usage day of the first arrival are kept, so
 * a correction never moves usage between subscriptions or days already rated. `xmax = 0` tells a
 * fresh insert from an update; the `old` CTE reads the pre-statement commerce quantity (all CTEs
 * of one statement share its snapshot), so each written row comes back with its quantity delta.
 */
export async function storeUsageRecords(
  sql: Pick<RawSql, "query">,
  registrationId: string,
  batchId: string,
  records: readonly MappedUsageRecord[],
): Promise<StoreResult> {
  if (records.length === 0) return { inserted: 0, corrected: 0, changes: { ids: [], deltas: [] } };
  const { rows } = await sql.query<{ id: string; inserted: boolean; delta: string }>(
    `WITH input AS (
       SELECT $1::text AS "registrationId", $2::text AS "batchId", u.*
         FROM unnest($3::text[], $4::uuid[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::numeric[], $9::text[], $10::jsonb[],
                     $11::jsonb[], $12::uuid[], $13::uuid[], $14::boolean[], $15::boolean[], $16::uuid[], $17::numeric[], $18::date[],
                     $19::boolean[]) AS u(${UNNEST_COLUMNS})
     ),
     old AS (
       SELECT r."id", r."commerceQuantity" FROM "UsageRecord" r JOIN input i
         ON r."registrationId" = i."registrationId" AND r."localSubscriptionId" = i."localSubscriptionId"
        AND r."localMeterId" = i."localMeterId" AND r."resourceUri" = i."resourceUri" AND r."usageStart" = i."usageStart"
     ),
     up AS (
       INSERT INTO "UsageRecord" (${USAGE_RECORD_INSERT_COLUMNS})
       SELECT * FROM input
       ON CONFLICT ("registrationId", "localSubscriptionId", "localMeterId", "resourceUri", "usageStart") DO UPDATE
          SET "quantity" = EXCLUDED."quantity", "commerceQuantity" = EXCLUDED."commerceQuantity", "usageEnd" = EXCLUDED."usageEnd",
              "additionalInfo" = EXCLUDED."additionalInfo", "tags" = EXCLUDED."tags", "location" = EXCLUDED."location",
              "batchId" = EXCLUDED."batchId", "correctedAt" = now()
        WHERE "UsageRecord"."quantity" IS DISTINCT FROM EXCLUDED."quantity"
       RETURNING "id", (xmax = 0) AS inserted, "commerceQuantity"
     )
     SELECT up."id"::text AS id, up.inserted, (COALESCE(up."commerceQuantity", 0) - COALESCE(old."commerceQuantity", 0))::text AS delta
       FROM up LEFT JOIN old ON old."id" = up."id"`,
    [registrationId, batchId, ...usageRecordColumns(records)],
  );
  let inserted = 0;
  const ids: string[] = [];
  const deltas: string[] = [];
  for (const row of rows) {
    if (row.inserted) inserted += 1;
    ids.push(row.id);
    deltas.push(row.delta);
  }
  return { inserted, corrected: rows.length - inserted, changes: { ids, deltas } };
}
