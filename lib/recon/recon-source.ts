// Reads rated lines for a recon file: validates the period and filters, resolves ids WITHIN the
// caller's scope (foreign → NotFound), and yields rows keyset-paged by id so memory stays constant.
// No "server-only": the bench script (plain Node) streams through the same code.
import { z } from "zod";
import type { RawSql } from "../database/open-database";
import type { PartnerScope } from "../auth/partner-scope";
import { DomainError, COMMON_ERROR_CODES, notFound } from "../actions/errors";
import type { ReconSourceRow } from "./recon-line";

export const RECON_PAGE_SIZE = 5000;

export interface ReconFilter {
  period: string;
  customerId?: string;
  resellerId?: string;
  registrationId?: string;
  from?: string;
  to?: string;
}

export interface ResolvedReconQuery {
  period: string;
  from: string;
  to: string;
  /** null = every partner (operators); otherwise owning partners allowed. */
  ownerPartnerIds: string[] | null;
  customerId: string | null;
  registrationId: string | null;
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD.");
const filterSchema = z.object({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Use a calendar month as YYYY-MM, e.g. 2026-11."),
  customerId: z.string().min(1).max(100).optional(),
  resellerId: z.string().min(1).max(100).optional(),
  registrationId: z.string().min(1).max(100).optional(),
  from: day.optional(),
  to: day.optional(),
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
  });
}

/** The current (open) billing period, YYYY-MM (UTC). */
export function currentPeriod(now: Date = new Date()): string {
  return now.toISOString().slice(0, 7);
}

export function periodRange(period: string): { from: string; to: string; days: number } {
  const [y, m] = period.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0));
  return { from: `${period}-01`, to: last.toISOString().slice(0, 10), days: last.getUTCDate() };
}

const invalid = (field: string, message: string) =>
  new DomainError(COMMON_ERROR_CODES.ValidationFailed, message, { fields: { [field]: message } });

/** Owning partner of a line's subscription: the customer's partner, or (APSS) the billed partner. */
const OWNER = `COALESCE(c."partnerId", s."rollsUpToPartnerId")`;

export async function resolveReconQuery(sql: Pick<RawSql, "query">, scope: PartnerScope, filter: ReconFilter): Promise<ResolvedReconQuery> {
  const range = periodRange(filter.period);
  const from = filter.from ?? range.from;
  const to = filter.to ?? range.to;
  for (const [field, value] of [["from", from], ["to", to]] as const) {
    if (value < range.from || value > range.to || Number.isNaN(Date.parse(value))) {
      throw invalid(field, `${field} must be a day inside the period ${filter.period}.`);
    }
  }
  if (from > to) throw invalid("from", "from must not be after to.");

  let owners = scope.visiblePartnerIds;
  if (filter.resellerId) {
    if (!scope.resellers.some((r) => r.id === filter.resellerId) || (owners && !owners.includes(filter.resellerId))) {
      throw notFound("The reseller");
    }
    owners = [filter.resellerId];
  }
  if (filter.customerId) {
    const { rows } = await sql.query<{ partnerId: string }>(`SELECT "partnerId" FROM "Customer" WHERE "id" = $1`, [filter.customerId]);
    if (!rows[0] || (owners && !owners.includes(rows[0].partnerId))) throw notFound("The customer");
  }
  if (filter.registrationId) {
    const { rows } = await sql.query<{ partnerId: string }>(`SELECT "partnerId" FROM "Registration" WHERE "id" = $1`, [filter.registrationId]);
    const visible = scope.visiblePartnerIds;
    if (!rows[0] || (visible && !visible.includes(rows[0].partnerId))) throw notFound("The registration");
  }
  return {
    period: filter.period,
    from,
    to,
    ownerPartnerIds: owners,
    customerId: filter.customerId ?? null,
    registrationId: filter.registrationId ?? null,
  };
}

const SELECT = `
SELECT l."id"::text AS "id", l."usageDate"::text AS "usageDate", l."eventDate"::text AS "eventDate", l."quantity"::text AS "quantity", l."unitPrice"::text AS "unitPrice",
       l."currency", l."resourceUri", l."location", l."localMeterId"::text AS "localMeterId", l."localSubscriptionId",
       l."unregisteredTenant", l."azureSubscriptionId"::text AS "azureSubscriptionId", s."displayName" AS "subscriptionName",
       c."id" AS "customerId", c."tenantId"::text AS "customerTenantId", c."companyName" AS "customerName", c."domain" AS "customerDomain",
       c."country"::text AS "customerCountry", p."id" AS "cspPartnerId", p."name" AS "cspPartnerName", p."mpnId" AS "cspMpnId",
       p."country"::text AS "cspCountry", CASE WHEN o."kind" = 'INDIRECT_RESELLER' THEN o."mpnId" END AS "resellerMpnId",
       m."id"::text AS "meterId", m."serviceName" AS "meterCategory", m."serviceType" AS "meterSubCategory",
       m."resourceName" AS "meterName", m."unitOfMeasure" AS "unit"
  FROM "RatedUsageLine" l
  JOIN "AzureSubscription" s ON s."id" = l."azureSubscriptionId"
  LEFT JOIN "Customer" c ON c."id" = s."customerId"
  JOIN "Partner" p ON p."id" = s."rollsUpToPartnerId"
  JOIN "Partner" o ON o."id" = ${OWNER}
  JOIN "CommerceMeter" m ON m."id" = l."commerceMeterId"`;

/** WHERE clause + params for a resolved query; $1 is reserved for the keyset cursor. */
export function reconWhere(query: ResolvedReconQuery): { where: string; params: unknown[] } {
  const params: unknown[] = [query.from, query.to];
  const parts = [`l."usageDate" BETWEEN $2::date AND $3::date`];
  if (query.ownerPartnerIds) {
    params.push(query.ownerPartnerIds);
    parts.push(`${OWNER} = ANY($${params.length + 1}::text[])`);
  }
  if (query.customerId) {
    params.push(query.customerId);
    parts.push(`c."id" = $${params.length + 1}`);
  }
  if (query.registrationId) {
    params.push(query.registrationId);
    parts.push(`l."registrationId" = $${params.length + 1}`);
  }
  return { where: parts.join(" AND "), params };
}

/**
 * Rows of the query in id order, RECON_PAGE_SIZE per round trip (keyset: id > last id, never
 * OFFSET), so a 5M-line month is read with one page in memory at a time.
 */
export async function* reconRows(sql: Pick<RawSql, "query">, query: ResolvedReconQuery, pageSize = RECON_PAGE_SIZE): AsyncGenerator<ReconSourceRow> {
  const { where, params } = reconWhere(query);
  const text = `${SELECT} WHERE l."id" > $1::bigint AND ${where} ORDER BY l."id" LIMIT ${Math.max(1, Math.floor(pageSize))}`;
  let last = "0";
  for (;;) {
    const { rows } = await sql.query<ReconSourceRow>(text, [last, ...params]);
    for (const row of rows) yield normalise(row);
    if (rows.length < pageSize) return;
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
