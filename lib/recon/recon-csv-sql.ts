// The recon file formatted entirely by PostgreSQL, for `COPY (…) TO STDOUT (FORMAT csv, HEADER)`:
// every cell is produced in SQL exactly as the JS mapping (recon-line.ts / legacy-recon-line.ts)
// produces it, so the database streams the finished CSV and Node only forwards bytes.
// Byte-identity with the JS path rests on (tested in tests/recon-copy.test.ts):
// - money: FLOOR(price × quantity × rate × 100) × 0.01 in exact numeric, like reconLineTotal;
// - numbers: trim_scale(numeric)::text = decimal.js toFixed() (no trailing zeros, no exponent);
// - dates as YYYY-MM-DD text; EventDateTime as toISOString() of that UTC midnight;
// - AdditionalInfo: to_json(text) escapes exactly like JSON.stringify (\" \\ \b \f \n \r \t, \u00xx);
// - CSV: COPY quotes a cell holding , " \n or \r and writes NULL unquoted; csv-stringify quotes the
//   same set, and writes "" unquoted, so every empty cell is emitted as NULL (NULLIF(…, '')).
// COPY takes no bind parameters: the filter values are inlined as escaped literals.
// No "server-only": the bench script and tests use it directly.
import { LEGACY_CONSTANTS, LEGACY_NUMERIC_COLUMNS, LEGACY_RECON_COLUMNS, type LegacyReconColumn } from "./legacy-recon-line";
import { NUMERIC_COLUMNS, PC_TO_BC_EXCHANGE_RATE, RECON_COLUMNS, RECON_CONSTANTS, type ReconColumn } from "./recon-line";
import type { ResolvedReconQuery } from "./recon-source";

export type ReconFormat = "modern" | "legacy";
export const RECON_FORMATS: readonly ReconFormat[] = ["modern", "legacy"];

/** A SQL string literal that is safe whatever standard_conforming_strings says (E'' form). */
export function sqlLiteral(value: string): string {
  return `E'${value.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/**
 * reconLineTotal in SQL: FLOOR(price × quantity × rate, 2), 0 when unpriced, exact numeric.
 * × 0.01 rather than / 100: numeric division rounds to ~16 significant digits, which would drop
 * the cents of a 30-digit amount.
 */
export function reconLineTotalSql(unitPrice: string, quantity: string): string {
  return `(COALESCE(floor(${unitPrice} * ${quantity} * ${PC_TO_BC_EXCHANGE_RATE.toFixed()}::numeric * 100), 0) * 0.01)::numeric(40,2)`;
}

/** RatedUsageLine filter with the values inlined (same predicates as recon-source's reconWhere). */
export function reconWhereLiteral(query: ResolvedReconQuery): string {
  const parts = [`l."usageDate" BETWEEN ${sqlLiteral(query.from)}::date AND ${sqlLiteral(query.to)}::date`];
  if (query.subscriptionIds) {
    parts.push(`l."azureSubscriptionId" = ANY(${sqlLiteral(`{${query.subscriptionIds.join(",")}}`)}::uuid[])`);
  }
  if (query.registrationId) parts.push(`l."registrationId" = ${sqlLiteral(query.registrationId)}`);
  return parts.join(" AND ");
}

/**
 * The facts of each line (subquery "r"), in id order. OFFSET 0 keeps it a separate plan node, so
 * the outer cell expressions read each fact once instead of re-deriving it per use.
 */
function reconFactsSql(query: ResolvedReconQuery): string {
  return `SELECT l."id", l."usageDate" AS ud, l."eventDate" AS ed, l."quantity" AS q, l."unitPrice" AS up, l."currency" AS cur,
       l."resourceUri" AS uri, l."location" AS loc, l."localMeterId"::text AS lmid, l."localSubscriptionId" AS lsub,
       l."azureSubscriptionId"::text AS sub, s."displayName" AS subname, c."tenantId"::text AS ctenant, c."companyName" AS cname,
       c."domain" AS cdomain, c."country"::text AS ccountry, p."id" AS pid, p."name" AS pname, p."mpnId" AS pmpn, p."country"::text AS pcountry,
       CASE WHEN o."kind" = 'INDIRECT_RESELLER' THEN o."mpnId" END AS rmpn,
       m."id"::text AS mid, m."serviceName" AS mcat, m."serviceType" AS msub, m."resourceName" AS mname, m."unitOfMeasure" AS unit,
       ${reconLineTotalSql('l."unitPrice"', 'l."quantity"')} AS total,
       make_date(extract(year FROM l."usageDate")::int, extract(month FROM l."usageDate")::int, 1) AS pstart
  FROM "RatedUsageLine" l
  JOIN "AzureSubscription" s ON s."id" = l."azureSubscriptionId"
  LEFT JOIN "Customer" c ON c."id" = s."customerId"
  JOIN "Partner" p ON p."id" = s."rollsUpToPartnerId"
  JOIN "Partner" o ON o."id" = COALESCE(c."partnerId", s."rollsUpToPartnerId")
  JOIN "CommerceMeter" m ON m."id" = l."commerceMeterId"
 WHERE ${reconWhereLiteral(query)}
 ORDER BY l."id"
 OFFSET 0`;
}

/** neutraliseCell in SQL, then '' → NULL (COPY writes NULL as a bare empty cell, like csv-stringify ""). */
function textCell(expression: string): string {
  return `NULLIF(CASE WHEN left(${expression}, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r') THEN '''' || ${expression} ELSE ${expression} END, '')`;
}
const constant = (value: string) => (value === "" ? "NULL::text" : sqlLiteral(value));
const day = (expression: string) => `to_char(${expression}, 'YYYY-MM-DD')`;
const number = (expression: string) => `trim_scale(${expression})::text`;
const periodEnd = `(r.pstart + interval '1 month')::date - 1`;
const additionalInfo =
  `'{"azureStack.MeterId":' || to_json(r.lmid)::text || ',"azureStack.SubscriptionId":' || to_json(r.lsub)::text ||` +
  ` ',"azureStack.Location":' || to_json(COALESCE(r.loc, ''))::text || ',"azureStack.EventDateTime":"' || ${day("r.ed")} || 'T00:00:00.000Z"}'`;

/** Cell expressions of the daily-rated file (over "r"); numeric cells are not neutralised, like the JS. */
const MODERN_CELLS: Record<ReconColumn, string> = {
  PartnerId: "r.pid",
  PartnerName: "r.pname",
  CustomerId: "r.ctenant",
  CustomerName: "COALESCE(r.cname, r.pname)",
  CustomerDomainName: "r.cdomain",
  CustomerCountry: "COALESCE(r.ccountry, r.pcountry)",
  MpnId: "r.pmpn",
  Tier2MpnId: "r.rmpn",
  InvoiceNumber: "''",
  ProductId: `'${RECON_CONSTANTS.ProductId}'`,
  SkuId: `'${RECON_CONSTANTS.SkuId}'`,
  AvailabilityId: "''",
  SkuName: `'${RECON_CONSTANTS.SkuName}'`,
  ProductName: `'${RECON_CONSTANTS.ProductName}'`,
  PublisherName: `'${RECON_CONSTANTS.PublisherName}'`,
  PublisherId: "''",
  SubscriptionDescription: "r.subname",
  SubscriptionId: "r.sub",
  ChargeStartDate: day("r.pstart"),
  ChargeEndDate: day(periodEnd),
  UsageDate: day("r.ud"),
  MeterType: "r.unit",
  MeterCategory: "r.mcat",
  MeterId: "r.mid",
  MeterSubCategory: "r.msub",
  MeterName: "r.mname",
  MeterRegion: `'${RECON_CONSTANTS.MeterRegion}'`,
  Unit: "r.unit",
  ResourceLocation: "r.loc",
  ConsumedService: `(regexp_match(r.uri, '/providers/([^/]+)', 'i'))[1]`,
  ResourceGroup: `(regexp_match(r.uri, '/resourceGroups/([^/]+)', 'i'))[1]`,
  ResourceURI: "r.uri",
  ChargeType: `'${RECON_CONSTANTS.ChargeType}'`,
  UnitPrice: number("r.up"),
  Quantity: number("r.q"),
  UnitType: "r.unit",
  BillingPreTaxTotal: "r.total::text",
  BillingCurrency: "r.cur",
  PricingPreTaxTotal: "r.total::text",
  PricingCurrency: "r.cur",
  ServiceInfo1: "''",
  ServiceInfo2: "''",
  Tags: "''",
  AdditionalInfo: additionalInfo,
  EffectiveUnitPrice: number("r.up"),
  PCToBCExchangeRate: `'${PC_TO_BC_EXCHANGE_RATE.toFixed()}'`,
  PCToBCExchangeRateDate: day("r.pstart"),
  EntitlementId: "r.sub",
  EntitlementDescription: "r.subname",
  PartnerEarnedCreditPercentage: `'${RECON_CONSTANTS.PartnerEarnedCreditPercentage}'`,
  CreditPercentage: `'${RECON_CONSTANTS.CreditPercentage}'`,
  CreditType: "''",
};

/** Cell expressions of the legacy usage-based file (legacy-recon-line.ts has the same mapping in JS). */
const LEGACY_CELLS: Record<LegacyReconColumn, string> = {
  PartnerId: "r.pid",
  PartnerName: "r.pname",
  PartnerBillableAccountId: "''",
  CustomerCompanyName: "COALESCE(r.cname, r.pname)",
  MpnId: "r.pmpn",
  ResellerMpnId: "r.rmpn",
  InvoiceNumber: "''",
  ChargeStartDate: day("r.ud"),
  ChargeEndDate: day("r.ud"),
  SubscriptionId: "r.sub",
  SubscriptionName: "r.subname",
  SubscriptionDescription: `'${RECON_CONSTANTS.ProductName}'`,
  OrderId: "''",
  ServiceName: "r.mcat",
  ServiceType: "r.msub",
  ResourceGuid: "r.mid",
  ResourceName: "r.mname",
  Region: `'${RECON_CONSTANTS.MeterRegion}'`,
  SKU: "''",
  DetailLineItemId: `'${LEGACY_CONSTANTS.DetailLineItemId}'`,
  ConsumedQuantity: number("r.q"),
  IncludedQuantity: `'${LEGACY_CONSTANTS.IncludedQuantity}'`,
  OverageQuantity: number("r.q"),
  ListPrice: number("r.up"),
  PretaxCharges: "r.total::text",
  TaxAmount: "''",
  PostTaxTotal: "''",
  Currency: "r.cur",
  PretaxEffectiveRate: number("r.up"),
  PostTaxEffectiveRate: "''",
  ChargeType: `'${RECON_CONSTANTS.ChargeType}'`,
  CustomerId: "r.ctenant",
  DomainName: "r.cdomain",
  BillingCycleType: `'${LEGACY_CONSTANTS.BillingCycleType}'`,
  Unit: "r.unit",
};

function cells<C extends string>(columns: readonly C[], expressions: Record<C, string>, numeric: Set<C>): string {
  return columns
    .map((column) => {
      const expression = expressions[column];
      if (expression === "''") return `${constant("")} AS "${column}"`;
      return `${numeric.has(column) ? `NULLIF(${expression}, '')` : textCell(expression)} AS "${column}"`;
    })
    .join(",\n       ");
}

/** The full SELECT producing the recon file's cells in column order (header = the column aliases). */
export function reconCsvSelect(query: ResolvedReconQuery, format: ReconFormat = "modern"): string {
  const list = format === "legacy"
    ? cells(LEGACY_RECON_COLUMNS, LEGACY_CELLS, LEGACY_NUMERIC_COLUMNS)
    : cells(RECON_COLUMNS, MODERN_CELLS, NUMERIC_COLUMNS);
  return `SELECT ${list}\n  FROM (${reconFactsSql(query)}) r`;
}

/** The COPY statement streaming the finished file (header + lines) from PostgreSQL. */
export function reconCopySql(query: ResolvedReconQuery, format: ReconFormat = "modern"): string {
  return `COPY (${reconCsvSelect(query, format)}) TO STDOUT WITH (FORMAT csv, HEADER true)`;
}
