// The conversion step of a recon file or its totals: for each billing partner × pricing currency of
// the month's lines whose billing currency is set and differs, the month's imported rate. A missing rate is a
// clear ExchangeRateMissing error (422) naming the month, the pair and the partner, before anything
// is written, never a file at a made-up rate. Reads the monthly rollup (one row per subscription),
// not the lines. No "server-only": the bench script resolves recon queries too.
import Decimal from "decimal.js";
import type { RawSql } from "../database/open-database";
import { DomainError } from "../errors";
import { CURRENCY_ERROR_CODES } from "../currency/currency-errors";
import { conversionKey, type ReconConversions } from "./recon-currency";

interface ConversionRow {
  partnerId: string;
  partnerName: string;
  pricingCurrency: string;
  billingCurrency: string;
  rate: string | null;
  rateDate: string | null;
}

/** period: YYYY-MM; subscriptionIds: the file's subscriptions (null = all, operators). */
export async function resolveReconConversions(sql: Pick<RawSql, "query">, period: string, subscriptionIds: string[] | null): Promise<ReconConversions> {
  const { rows } = await sql.query<ConversionRow>(
    `SELECT DISTINCT p."id" AS "partnerId", p."name" AS "partnerName", r."currency" AS "pricingCurrency", p."billingCurrency"::text AS "billingCurrency",
            x."rate"::text AS "rate", to_char(x."rateDate", 'YYYY-MM-DD') AS "rateDate"
       FROM "RatedUsageMonthly" r
       JOIN "AzureSubscription" s ON s."id" = r."azureSubscriptionId"
       JOIN "Partner" p ON p."id" = s."rollsUpToPartnerId"
       LEFT JOIN "ExchangeRate" x ON x."partnerId" = p."id" AND x."month" = r."period"
                                 AND x."pricingCurrency"::text = r."currency" AND x."billingCurrency" = p."billingCurrency"
      WHERE r."period" = $1::date AND r."lines" > 0 AND r."currency" <> '' AND p."billingCurrency" IS NOT NULL AND r."currency" <> p."billingCurrency"::text
        AND ($2::uuid[] IS NULL OR r."azureSubscriptionId" = ANY($2::uuid[]))
      ORDER BY p."name", r."currency"`,
    [`${period}-01`, subscriptionIds],
  );
  const conversions: ReconConversions = {};
  const missing: ConversionRow[] = [];
  for (const row of rows) {
    if (row.rate === null || row.rateDate === null) missing.push(row);
    else
      conversions[conversionKey(row.partnerId, row.pricingCurrency)] = {
        billingCurrency: row.billingCurrency,
        rate: new Decimal(row.rate).toFixed(),
        rateDate: row.rateDate,
      };
  }
  if (missing.length > 0) {
    const pairs = missing.map((row) => `${row.pricingCurrency}→${row.billingCurrency} for ${row.partnerName}`).join(", ");
    throw new DomainError(
      CURRENCY_ERROR_CODES.ExchangeRateMissing,
      `No exchange rate for ${period}: ${pairs}. The billing partner's admin imports the month's rates under Billing › Currency.`,
      { status: 422, fields: { period: `No ${missing.map((row) => `${row.pricingCurrency}→${row.billingCurrency}`).join(", ")} rate for ${period}.` } },
    );
  }
  return conversions;
}
