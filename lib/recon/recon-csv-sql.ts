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
import { LEGACY_CONSTANTS, LEGACY_RECON_COLUMNS, type LegacyReconColumn } from "./legacy-recon-line";
import { PC_TO_BC_EXCHANGE_RATE, RECON_COLUMNS, RECON_CONSTANTS, type ReconColumn } from "./recon-line";
import type { ResolvedReconQuery } from "./recon-source";

export type ReconFormat = "modern" | "legacy";

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

/** neutraliseCell in SQL, then '' → NULL (COPY writes NULL as a bare empty cell, like csv-stringify ""). */
function textCell(expression: string): string {
  return `NULLIF(CASE WHEN left(${expression}, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r') THEN '''' || ${expression} ELSE ${expression} END, '')`;
}
const day = (expression: string) => `to_char(${expression}, 'YYYY-MM-DD')`;
const periodStart = `make_date(extract(year FROM d)::int, extract(month FROM d)::int, 1)`;
const periodEnd = `(${periodStart} + interval '1 month')::date - 1`;

/**
 * A cell is computed once per subscription ("sub": facts s/c/p/o), per commerce meter ("meter": m),
 * per usage day ("day": d), or per line ("row"/"number": facts of "r"); a constant is a literal.
 * Most cells depend on the subscription or the meter only, so a 5M-line file formats a few thousand
 * of those instead of 5M × 52: per-line work is left to what really differs per line. Per-line
 * values are computed once in "r" (OFFSET 0 keeps it from being flattened, which would re-evaluate
 * a regexp or the AdditionalInfo JSON in each of the CASE/NULLIF branches that neutralise it).
 */
type Cell = { sub: string } | { meter: string } | { day: string } | { row: string } | { number: string } | { constant: string };

const SUB = {
  partnerId: `p."id"`,
  partnerName: `p."name"`,
  tenant: `c."tenantId"::text`,
  customerName: `COALESCE(c."companyName", p."name")`,
  domain: `c."domain"`,
  country: `COALESCE(c."country"::text, p."country"::text)`,
  mpn: `p."mpnId"`,
  resellerMpn: `CASE WHEN o."kind" = 'INDIRECT_RESELLER' THEN o."mpnId" END`,
  id: `s."id"::text`,
  name: `s."displayName"`,
};
const additionalInfo =
  `'{"azureStack.MeterId":' || to_json(l."localMeterId"::text)::text || ',"azureStack.SubscriptionId":' || to_json(l."localSubscriptionId")::text ||` +
  ` ',"azureStack.Location":' || to_json(COALESCE(l."location", ''))::text || ',"azureStack.EventDateTime":"' || ${day('l."eventDate"')} || 'T00:00:00.000Z"}'`;

/** Cells of the daily-rated file; numeric cells are not neutralised, like the JS. */
const MODERN_CELLS: Record<ReconColumn, Cell> = {
  PartnerId: { sub: SUB.partnerId },
  PartnerName: { sub: SUB.partnerName },
  CustomerId: { sub: SUB.tenant },
  CustomerName: { sub: SUB.customerName },
  CustomerDomainName: { sub: SUB.domain },
  CustomerCountry: { sub: SUB.country },
  MpnId: { sub: SUB.mpn },
  Tier2MpnId: { sub: SUB.resellerMpn },
  InvoiceNumber: { constant: "" },
  ProductId: { constant: RECON_CONSTANTS.ProductId },
  SkuId: { constant: RECON_CONSTANTS.SkuId },
  AvailabilityId: { constant: "" },
  SkuName: { constant: RECON_CONSTANTS.SkuName },
  ProductName: { constant: RECON_CONSTANTS.ProductName },
  PublisherName: { constant: RECON_CONSTANTS.PublisherName },
  PublisherId: { constant: "" },
  SubscriptionDescription: { sub: SUB.name },
  SubscriptionId: { sub: SUB.id },
  ChargeStartDate: { day: day(periodStart) },
  ChargeEndDate: { day: day(periodEnd) },
  UsageDate: { day: day("d") },
  MeterType: { meter: `m."unitOfMeasure"` },
  MeterCategory: { meter: `m."serviceName"` },
  MeterId: { meter: `m."id"::text` },
  MeterSubCategory: { meter: `m."serviceType"` },
  MeterName: { meter: `m."resourceName"` },
  MeterRegion: { constant: RECON_CONSTANTS.MeterRegion },
  Unit: { meter: `m."unitOfMeasure"` },
  ResourceLocation: { row: "r.loc" },
  ConsumedService: { row: "r.svc" },
  ResourceGroup: { row: "r.rg" },
  ResourceURI: { row: "r.uri" },
  ChargeType: { constant: RECON_CONSTANTS.ChargeType },
  UnitPrice: { number: "r.up" },
  Quantity: { number: "r.q" },
  UnitType: { meter: `m."unitOfMeasure"` },
  BillingPreTaxTotal: { number: "r.total" },
  BillingCurrency: { row: "r.cur" },
  PricingPreTaxTotal: { number: "r.total" },
  PricingCurrency: { row: "r.cur" },
  ServiceInfo1: { constant: "" },
  ServiceInfo2: { constant: "" },
  Tags: { constant: "" },
  AdditionalInfo: { row: "r.info" },
  EffectiveUnitPrice: { number: "r.up" },
  PCToBCExchangeRate: { constant: PC_TO_BC_EXCHANGE_RATE.toFixed() },
  PCToBCExchangeRateDate: { day: day(periodStart) },
  EntitlementId: { sub: SUB.id },
  EntitlementDescription: { sub: SUB.name },
  PartnerEarnedCreditPercentage: { constant: RECON_CONSTANTS.PartnerEarnedCreditPercentage },
  CreditPercentage: { constant: RECON_CONSTANTS.CreditPercentage },
  CreditType: { constant: "" },
};

/** Cells of the legacy usage-based file (legacy-recon-line.ts has the same mapping in JS). */
const LEGACY_CELLS: Record<LegacyReconColumn, Cell> = {
  PartnerId: { sub: SUB.partnerId },
  PartnerName: { sub: SUB.partnerName },
  PartnerBillableAccountId: { constant: "" },
  CustomerCompanyName: { sub: SUB.customerName },
  MpnId: { sub: SUB.mpn },
  ResellerMpnId: { sub: SUB.resellerMpn },
  InvoiceNumber: { constant: "" },
  ChargeStartDate: { day: day("d") },
  ChargeEndDate: { day: day("d") },
  SubscriptionId: { sub: SUB.id },
  SubscriptionName: { sub: SUB.name },
  SubscriptionDescription: { constant: RECON_CONSTANTS.ProductName },
  OrderId: { constant: "" },
  ServiceName: { meter: `m."serviceName"` },
  ServiceType: { meter: `m."serviceType"` },
  ResourceGuid: { meter: `m."id"::text` },
  ResourceName: { meter: `m."resourceName"` },
  Region: { constant: RECON_CONSTANTS.MeterRegion },
  SKU: { constant: "" },
  DetailLineItemId: { constant: LEGACY_CONSTANTS.DetailLineItemId },
  ConsumedQuantity: { number: "r.q" },
  IncludedQuantity: { constant: LEGACY_CONSTANTS.IncludedQuantity },
  OverageQuantity: { number: "r.q" },
  ListPrice: { number: "r.up" },
  PretaxCharges: { number: "r.total" },
  TaxAmount: { constant: "" },
  PostTaxTotal: { constant: "" },
  Currency: { row: "r.cur" },
  PretaxEffectiveRate: { number: "r.up" },
  PostTaxEffectiveRate: { constant: "" },
  ChargeType: { constant: RECON_CONSTANTS.ChargeType },
  CustomerId: { sub: SUB.tenant },
  DomainName: { sub: SUB.domain },
  BillingCycleType: { constant: LEGACY_CONSTANTS.BillingCycleType },
  Unit: { meter: `m."unitOfMeasure"` },
};

/**
 * The first `/<segment>/([^/]+)` of the resource URI, ASCII-case-insensitive: exactly what the JS
 * path's /\/<segment>\/([^/]+)/i gives (a non-unicode JS regex folds ASCII letters only), so the
 * letters are spelled [xX] rather than trusting the 'i' flag's locale-dependent folding. These two
 * regexps are about half of the export's per-line cost (measured: 27 s vs 16 s without them for
 * 200k lines on a loaded box; a strpos/translate variant was slower).
 */
function uriSegmentSql(segment: string): string {
  const pattern = `/${[...segment].map((ch) => (/[a-z]/i.test(ch) ? `[${ch.toLowerCase()}${ch.toUpperCase()}]` : ch)).join("")}/([^/]+)`;
  return `(regexp_match(l."resourceUri", '${pattern}'))[1]`;
}

type Level = "sub" | "meter" | "day";
const LEVEL_CTE: Record<Level, string> = { sub: "sx", meter: "mx", day: "dx" };

/** The full SELECT producing the recon file's cells in column order (header = the column aliases). */
export function reconCsvSelect(query: ResolvedReconQuery, format: ReconFormat = "modern"): string {
  const columns: readonly string[] = format === "legacy" ? LEGACY_RECON_COLUMNS : RECON_COLUMNS;
  const specs = (format === "legacy" ? LEGACY_CELLS : MODERN_CELLS) as Record<string, Cell>;
  const levelCells = (level: Level) =>
    columns.flatMap((column) => {
      const cell = specs[column] as Partial<Record<Level, string>>;
      return cell[level] === undefined ? [] : [`, ${textCell(cell[level])} AS "${column}"`];
    }).join("");
  const list = columns.map((column) => {
    const cell = specs[column];
    if ("constant" in cell) return `${cell.constant === "" ? "NULL::text" : sqlLiteral(cell.constant)} AS "${column}"`;
    if ("number" in cell) return `${cell.number === "r.total" ? "r.total::text" : `trim_scale(${cell.number})::text`} AS "${column}"`;
    if ("row" in cell) return `${textCell(cell.row)} AS "${column}"`;
    const level = (Object.keys(cell) as Level[])[0];
    return `${LEVEL_CTE[level]}."${column}" AS "${column}"`;
  });
  const subscriptionFilter = query.subscriptionIds ? `WHERE s."id" = ANY(${sqlLiteral(`{${query.subscriptionIds.join(",")}}`)}::uuid[])` : "";
  return `WITH sx AS MATERIALIZED (
  SELECT s."id" AS sid${levelCells("sub")}
    FROM "AzureSubscription" s
    LEFT JOIN "Customer" c ON c."id" = s."customerId"
    JOIN "Partner" p ON p."id" = s."rollsUpToPartnerId"
    JOIN "Partner" o ON o."id" = COALESCE(c."partnerId", s."rollsUpToPartnerId")
  ${subscriptionFilter}
), mx AS MATERIALIZED (
  SELECT m."id" AS mid${levelCells("meter")} FROM "CommerceMeter" m
), dx AS MATERIALIZED (
  SELECT d${levelCells("day")}
    FROM (SELECT g::date AS d FROM generate_series(${sqlLiteral(query.from)}::date, ${sqlLiteral(query.to)}::date, interval '1 day') AS g) AS days
)
SELECT ${list.join(",\n       ")}
  FROM (SELECT l."id", l."usageDate" AS ud, l."quantity" AS q, l."unitPrice" AS up, l."currency" AS cur,
               l."resourceUri" AS uri, l."location" AS loc, l."azureSubscriptionId" AS sid, l."commerceMeterId" AS mid,
               ${reconLineTotalSql('l."unitPrice"', 'l."quantity"')} AS total,
               ${uriSegmentSql("providers")} AS svc,
               ${uriSegmentSql("resourceGroups")} AS rg,
               ${additionalInfo} AS info
          FROM "RatedUsageLine" l
         WHERE ${reconWhereLiteral(query)}
        OFFSET 0) r
  JOIN sx ON sx.sid = r.sid
  JOIN mx ON mx.mid = r.mid
  JOIN dx ON dx.d = r.ud
 ORDER BY r."id"`;
}

/** The COPY statement streaming the finished file (header + lines) from PostgreSQL. */
export function reconCopySql(query: ResolvedReconQuery, format: ReconFormat = "modern"): string {
  return `COPY (${reconCsvSelect(query, format)}) TO STDOUT WITH (FORMAT csv, HEADER true)`;
}
