// SQL expressions of recon cells that both writers take from the database as the same text (the JS
// writer selects them in recon-source.ts's RECON_SELECT, the COPY writer formats them in
// recon-csv-sql.ts), so the two files agree byte for byte by construction.
// No "server-only": pure SQL text.

/**
 * The commerce meter's product as the price list names it (alias `mp`, lateral over CommerceMeter
 * `m`): the row for the meter in the latest published version, US market first. A meter's ProductId
 * and SkuId are the same in every market and version of Partner Center's price list, so a recon
 * line joins the price list on ProductId + SkuId + MeterId whichever version priced it.
 */
export const METER_PRODUCT_LATERAL = `LEFT JOIN LATERAL (
    SELECT i."productId", i."skuId", i."skuTitle", i."productTitle", i."publisher"
      FROM "PriceListItem" i JOIN "PriceListVersion" v ON v."id" = i."versionId"
     WHERE i."meterId" = m."id" AND v."status" = 'PUBLISHED'
     ORDER BY v."effectiveFrom" DESC, v."publishedAt" DESC, (i."market" = 'US') DESC, i."market", i."effectiveStartDate" DESC, i."tierMin", i."id"
     LIMIT 1) mp ON true`;

/** PublisherName: the price list's publisher, Microsoft when it names none. */
export const METER_PUBLISHER_SQL = `COALESCE(NULLIF(mp."publisher", ''), 'Microsoft')`;

/**
 * The Azure plan (Partner Center's SubscriptionId: the plan subscription, not the Azure
 * subscription) of a customer tenant: the portal keeps no plan record, so its id is derived from
 * the owner's tenant id, the same for all the tenant's Azure subscriptions. NULL without a tenant.
 */
export function azurePlanIdSql(tenantId: string): string {
  return `md5('azure-plan:' || ${tenantId})::uuid::text`;
}

/**
 * A jsonb object of tags as compact JSON text (`{"env":"prod"}`, keys in jsonb's order, string
 * values escaped by to_json like JSON.stringify); NULL for no tags or an empty object. The SQL
 * function is in the migration recon_partner_tenant_event_start_tags (why a function: there).
 */
export function reconTagsSql(tags: string): string {
  return `"recon_tags_json"(${tags})`;
}

/** ISO text (toISOString's shape) of a timestamptz, in UTC. */
export function isoTimestampSql(timestamp: string): string {
  return `to_char(${timestamp} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
