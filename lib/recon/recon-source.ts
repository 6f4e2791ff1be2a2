// Reads rated lines for a recon file: validates the period and filters, resolves ids WITHIN the
// caller's scope (foreign → NotFound), and yields rows keyset-paged by id so memory stays constant.
// No "server-only": the bench script (plain Node) streams through the same code.
import { z } from "zod";
import type { RawSql } from "../database/open-database";
import type { PartnerScope } from "../auth/partner-scope";
import { DomainError, COMMON_ERROR_CODES, notFound } from "../errors";
import type { ReconSourceRow } from "./recon-line";
import { METER_PRODUCT_LATERAL, METER_PUBLISHER_SQL, azurePlanIdSql, isoTimestampSql, reconTagsSql } from "./recon-line-sql";
import type { ReconConversions } from "./recon-currency";
import { resolveReconConversions } from "./resolve-recon-conversions";
import { BILLING_PERIOD_MESSAGE, BILLING_PERIOD_PATTERN, periodRange } from "../billing/billing-period";

export const RECON_PAGE_SIZE = 1000;

export interface ReconFilter {
  period: string;
  customerId?: string;
  resellerId?: string;
  registrationId?: string;
  from?: string;
  to?: string;
  /** Column set of the file: Partner Center's daily-rated (default) or legacy usage-based one. */
  format?: "modern" | "legacy";
}

export interface ResolvedReconQuery {
  period: string;
  from: string;
  to: string;
  /**
   * The Azure subscriptions whose lines are in the file (owner in scope, customer filter applied),
   * resolved up front so each page query filters RatedUsageLine alone; null = all (operators).
   */
  subscriptionIds: string[] | null;
  customerId: string | null;
  registrationId: string | null;
  /** What the file is narrowed to, by name, for its file name (null = not narrowed that way). */
  names: { reseller: string | null; customer: string | null; registration: string | null };
  /** Pricing → billing currency conversions of the month (recon-currency.ts); absent = none. */
  conversions?: ReconConversions;
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD.");
const filterSchema = z.object({
  period: z.string().regex(BILLING_PERIOD_PATTERN, BILLING_PERIOD_MESSAGE),
  customerId: z.string().min(1).max(100).optional(),
  resellerId: z.string().min(1).max(100).optional(),
  registrationId: z.string().min(1).max(100).optional(),
  from: day.optional(),
  to: day.optional(),
  format: z.enum(["modern", "legacy"], { error: "Use format=modern (daily-rated usage) or format=legacy (legacy usage-based)." }).optional(),
});

/** Reads ?period=&customerId=&resellerId=&registration=&from=&to= (empty values ignored). */
export function parseReconSearchParams(params: URLSearchParams): ReconFilter {
  const get = (key: string) => params.get(key)?.trim() || undefined;
  return filterSchema.parse({
    period: params.get("period") ?? "",
    customerId: get("customerId"),
    resellerId: get("resellerId"),
    registrationId: get("registration"),
    from: get("from"),
    to: get("to"),
    format: get("format"),
  });
}

const invalid = (field: string, message: string) => new DomainError(COMMON_ERROR_CODES.ValidationFailed, message, { fields: { [field]: message } });

/** Owning partner of a line's subscription: the customer's partner, or (APSS) the billed partner. */
const OWNER = `COALESCE(c."partnerId", s."rollsUpToPartnerId")`;

export async function resolveReconQuery(sql: Pick<RawSql, "query">, scope: PartnerScope, filter: ReconFilter): Promise<ResolvedReconQuery> {
  const range = periodRange(filter.period);
  const from = filter.from ?? range.from;
  const to = filter.to ?? range.to;
  for (const [field, value] of [
    ["from", from],
    ["to", to],
  ] as const) {
    if (value < range.from || value > range.to || Number.isNaN(Date.parse(value))) {
      throw invalid(field, `${field} must be a day inside the period ${filter.period}.`);
    }
  }
  if (from > to) throw invalid("from", "from must not be after to.");

  let owners = scope.visiblePartnerIds;
  const names: ResolvedReconQuery["names"] = { reseller: null, customer: null, registration: null };
  if (filter.resellerId) {
    if (!scope.resellers.some((r) => r.id === filter.resellerId) || (owners && !owners.includes(filter.resellerId))) {
      throw notFound("The reseller");
    }
    owners = [filter.resellerId];
    names.reseller = scope.resellers.find((r) => r.id === filter.resellerId)?.name ?? null;
  }
  if (filter.customerId) {
    const { rows } = await sql.query<{ partnerId: string; companyName: string }>(`SELECT "partnerId", "companyName" FROM "Customer" WHERE "id" = $1`, [
      filter.customerId,
    ]);
    if (!rows[0] || (owners && !owners.includes(rows[0].partnerId))) throw notFound("The customer");
    names.customer = rows[0].companyName;
  }
  if (filter.registrationId) {
    const { rows } = await sql.query<{ partnerId: string; stampName: string }>(`SELECT "partnerId", "stampName" FROM "Registration" WHERE "id" = $1`, [
      filter.registrationId,
    ]);
    const visible = scope.visiblePartnerIds;
    if (!rows[0] || (visible && !visible.includes(rows[0].partnerId))) throw notFound("The registration");
    names.registration = rows[0].stampName;
  }
  let subscriptionIds: string[] | null = null;
  if (owners || filter.customerId) {
    const { rows } = await sql.query<{ id: string }>(
      `SELECT s."id"::text AS "id" FROM "AzureSubscription" s LEFT JOIN "Customer" c ON c."id" = s."customerId"
        WHERE ($1::text[] IS NULL OR ${OWNER} = ANY($1::text[])) AND ($2::text IS NULL OR c."id" = $2::text)`,
      [owners, filter.customerId ?? null],
    );
    subscriptionIds = rows.map((row) => row.id);
  }
  return {
    period: filter.period,
    from,
    to,
    subscriptionIds,
    customerId: filter.customerId ?? null,
    registrationId: filter.registrationId ?? null,
    names,
    conversions: await resolveReconConversions(sql, filter.period, subscriptionIds),
  };
}

/** The commerce meters with their price list product (CTE "meters"), looked up once per page. */
const METERS_CTE = `meters AS MATERIALIZED (
  SELECT m."id", m."serviceName", m."serviceType", m."resourceName", m."unitOfMeasure",
         mp."productId", mp."skuId", mp."skuTitle", mp."productTitle", ${METER_PUBLISHER_SQL} AS "publisher"
    FROM "CommerceMeter" m
  ${METER_PRODUCT_LATERAL}
)`;

/** The owner's tenant: the customer's, or the billed partner's own on its default subscription. */
const OWNER_TENANT = `COALESCE(c."tenantId"::text, p."directoryTenantId"::text)`;

/** The recon columns of one page of lines (CTE "page"), joined to its subscription, owner and meter (CTE "meters"). */
export const RECON_SELECT = `
SELECT l."id"::text AS "id", l."usageDate"::text AS "usageDate", l."eventDate"::text AS "eventDate",
       ${isoTimestampSql(`l."eventStart"`)} AS "eventDateTime", ${reconTagsSql(`l."tags"`)} AS "tags",
       l."quantity"::text AS "quantity", l."unitPrice"::text AS "unitPrice",
       l."currency", l."resourceUri", l."location", l."localMeterId"::text AS "localMeterId", l."localSubscriptionId",
       l."unregisteredTenant", l."azureSubscriptionId"::text AS "azureSubscriptionId", s."displayName" AS "subscriptionName",
       c."id" AS "customerId", c."tenantId"::text AS "customerTenantId", ${azurePlanIdSql(OWNER_TENANT)} AS "azurePlanId",
       c."companyName" AS "customerName", c."domain" AS "customerDomain",
       c."country"::text AS "customerCountry", p."id" AS "cspPartnerId", p."directoryTenantId"::text AS "cspTenantId",
       p."name" AS "cspPartnerName", p."mpnId" AS "cspMpnId",
       p."country"::text AS "cspCountry", CASE WHEN o."kind" = 'INDIRECT_RESELLER' THEN o."mpnId" END AS "resellerMpnId",
       m."id"::text AS "meterId", m."serviceName" AS "meterCategory", m."serviceType" AS "meterSubCategory",
       m."resourceName" AS "meterName", m."unitOfMeasure" AS "unit",
       m."productId", m."skuId", m."skuTitle", m."productTitle", m."publisher"
  FROM page l
  JOIN "AzureSubscription" s ON s."id" = l."azureSubscriptionId"
  LEFT JOIN "Customer" c ON c."id" = s."customerId"
  JOIN "Partner" p ON p."id" = s."rollsUpToPartnerId"
  JOIN "Partner" o ON o."id" = ${OWNER}
  JOIN meters m ON m."id" = l."commerceMeterId"
 ORDER BY l."id"`;

/** WHERE clause on RatedUsageLine alone + params; $1 is reserved for the keyset cursor. */
export function reconWhere(query: ResolvedReconQuery): { where: string; params: unknown[] } {
  const params: unknown[] = [query.from, query.to];
  const parts = [`l."usageDate" BETWEEN $2::date AND $3::date`];
  if (query.subscriptionIds) {
    params.push(query.subscriptionIds);
    parts.push(`l."azureSubscriptionId" = ANY($${params.length + 1}::uuid[])`);
  }
  if (query.registrationId) {
    params.push(query.registrationId);
    parts.push(`l."registrationId" = $${params.length + 1}`);
  }
  return { where: parts.join(" AND "), params };
}

/**
 * Rows of the query in id order, RECON_PAGE_SIZE per round trip (keyset: id > last id, never
 * OFFSET), so a 5M-line month is read with one page in memory at a time. The page is cut from
 * RatedUsageLine alone (MATERIALIZED) before the joins: joining first let the planner join the
 * whole period and sort it for every page (quadratic; measured minutes for 200k lines).
 */
export async function* reconRows(sql: Pick<RawSql, "query">, query: ResolvedReconQuery, pageSize = RECON_PAGE_SIZE): AsyncGenerator<ReconSourceRow> {
  const { where, params } = reconWhere(query);
  const limit = Math.max(1, Math.floor(pageSize));
  const text = `WITH page AS MATERIALIZED (SELECT * FROM "RatedUsageLine" l WHERE l."id" > $1::bigint AND ${where} ORDER BY l."id" LIMIT ${limit}), ${METERS_CTE}${RECON_SELECT}`;
  let last = "0";
  for (;;) {
    const { rows } = await sql.query<ReconSourceRow>(text, [last, ...params]);
    for (const row of rows) yield normalise(row);
    if (rows.length < limit) return;
    last = rows[rows.length - 1].id;
  }
}

/** Dates are selected as text (pg and PGlite disagree on DATE → Date time zones); pin to UTC midnight. */
function normalise(row: ReconSourceRow): ReconSourceRow {
  return { ...row, usageDate: utcDay(row.usageDate), eventDate: utcDay(row.eventDate) };
}

function utcDay(value: Date | string): Date {
  if (typeof value === "string") return new Date(`${value.slice(0, 10)}T00:00:00Z`);
  return new Date(Date.UTC(value.getFullYear(), value.getMonth(), value.getDate()));
}
