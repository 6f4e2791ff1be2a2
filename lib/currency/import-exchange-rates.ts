import "server-only";
// Imports a billing partner's monthly exchange rates from CSV (parse-exchange-rate-csv.ts): the whole
// file or nothing. Each month in the file replaces that month's rates (all pairs), in one transaction
// with one set-based delete, one multi-row insert and one audit event listing what was replaced.
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { DomainError } from "../errors";
import { CURRENCY_ERROR_CODES } from "./currency-errors";
import { parseExchangeRateCsv } from "./parse-exchange-rate-csv";
import { requireCurrencyPartner } from "./require-currency-partner";

export interface ExchangeRateImportResult {
  imported: number;
  /** The months the file set (YYYY-MM), each replacing what was there. */
  months: string[];
  /** Rates the import replaced (same months, previous import). */
  replaced: number;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

export async function importExchangeRates(scope: PartnerScope, csv: string): Promise<ExchangeRateImportResult> {
  const partnerId = requireCurrencyPartner(scope, "exchangeRates:manage");
  const parsed = parseExchangeRateCsv(csv);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    throw new DomainError(
      CURRENCY_ERROR_CODES.InvalidExchangeRateCsv,
      `The file has ${parsed.errors.length} error${parsed.errors.length === 1 ? "" : "s"}; first, line ${first.line}${first.field ? ` (${first.field})` : ""}: ${first.message}`,
      { status: 422, fields: Object.fromEntries(parsed.errors.slice(0, 50).map((e) => [`line ${e.line} ${e.field}`.trim(), `${e.code}: ${e.message}`])) },
    );
  }
  const months = [...new Set(parsed.rates.map((rate) => rate.month))].sort();
  const monthDates = months.map((month) => new Date(`${month}T00:00:00Z`));
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const previous = await tx.exchangeRate.findMany({
      where: { partnerId, month: { in: monthDates } },
      select: { month: true, pricingCurrency: true, billingCurrency: true, rate: true, rateDate: true },
      orderBy: [{ month: "asc" }, { pricingCurrency: "asc" }, { billingCurrency: "asc" }],
    });
    await tx.exchangeRate.deleteMany({ where: { partnerId, month: { in: monthDates } } });
    await tx.exchangeRate.createMany({
      data: parsed.rates.map((rate) => ({
        partnerId,
        month: new Date(`${rate.month}T00:00:00Z`),
        pricingCurrency: rate.pricingCurrency,
        billingCurrency: rate.billingCurrency,
        rate: rate.rate,
        rateDate: new Date(`${rate.rateDate}T00:00:00Z`),
        importedById: scope.userId,
      })),
    });
    const shown = (rate: { month: string; pricingCurrency: string; billingCurrency: string; rate: string; rateDate: string }) =>
      `${rate.month.slice(0, 7)} ${rate.pricingCurrency}→${rate.billingCurrency} ${rate.rate} (${rate.rateDate})`;
    await recordAuditEvent(tx, scope, {
      action: "exchangeRate.import",
      targetType: "ExchangeRates",
      targetId: months.map((month) => month.slice(0, 7)).join(","),
      partnerId,
      before: previous.map((rate) => shown({ ...rate, month: day(rate.month), rate: rate.rate.toFixed(), rateDate: day(rate.rateDate) })),
      after: parsed.rates.map(shown),
    });
    return { imported: parsed.rates.length, months: months.map((month) => month.slice(0, 7)), replaced: previous.length };
  });
}
