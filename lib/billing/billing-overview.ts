import "server-only";
// What the billing page, customer usage page and dashboard show for a period: the recon totals
// (same rows, same per-line function as the CSV) plus the scope's registrations for downloads.
import { getDatabase } from "../db";
import { scopeBillingCurrency } from "../chargeback/customer-billing-currency";
import { getScopeBillingCurrency } from "../currency/get-scope-billing-currency";
import { visiblePartnerFilter, type PartnerScope } from "../auth/partner-scope";
import { DomainError, COMMON_ERROR_CODES } from "../errors";
import { resolveReconQuery, type ReconFilter } from "../recon/recon-source";
import { BILLING_PERIOD_PATTERN, currentPeriod } from "../billing/billing-period";
import { reconTotals, type ReconTotals, type ReconTotalsOptions } from "./recon-totals";
import type { ReconFormat } from "../recon/recon-formats";

/** A period from the URL, or the open one when missing/malformed (pages never 400). */
export function pagePeriod(value: string | string[] | undefined): string {
  return typeof value === "string" && BILLING_PERIOD_PATTERN.test(value) ? value : currentPeriod();
}

/** The recon column set from the URL: "legacy" or the default daily-rated one. */
export function pageFormat(value: string | string[] | undefined): ReconFormat {
  return value === "legacy" ? "legacy" : "modern";
}

/** The open period and the 12 before it, newest first, for the period picker. */
export function recentPeriods(count = 13, now: Date = new Date()): string[] {
  const periods: string[] = [];
  for (let i = 0; i < count; i++) {
    periods.push(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1)).toISOString().slice(0, 7));
  }
  return periods;
}

/** options.daily adds the day × meter cells (the recon tests check the daily rollup against the file with them). */
export async function getPeriodTotals(scope: PartnerScope, filter: ReconFilter, options: ReconTotalsOptions = {}): Promise<ReconTotals> {
  const { sql, prisma } = await getDatabase();
  const totals = await reconTotals(sql, await resolveReconQuery(sql, scope, filter), options);
  // No priced line names a currency: the partner's billing currency (the setting, else its market's)
  // still labels the zeros.
  if (!totals.currency) totals.currency = (await getScopeBillingCurrency(scope)) ?? (await scopeBillingCurrency(prisma, scope));
  return totals;
}

export async function listScopeRegistrations(scope: PartnerScope): Promise<{ id: string; name: string; stampName: string }[]> {
  const prisma = (await getDatabase()).prisma;
  return prisma.registration.findMany({
    where: { partnerId: visiblePartnerFilter(scope) },
    select: { id: true, name: true, stampName: true },
    orderBy: { stampName: "asc" },
  });
}

/** Pages show a NotFound filter as the 404 page rather than an error. */
export function isNotFound(error: unknown): boolean {
  return error instanceof DomainError && error.code === COMMON_ERROR_CODES.NotFound;
}

export function reconHref(period: string, params: Record<string, string> = {}, format: ReconFormat = "modern"): string {
  return `/api/billing/recon?${new URLSearchParams({ period, ...params, ...(format === "legacy" ? { format } : {}) }).toString()}`;
}

export { formatMoney } from "../format/money";
