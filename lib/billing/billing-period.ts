// Billing periods: calendar months in UTC, YYYY-MM. Pure (no "server-only"): pages, the recon
// file, chargeback, the dashboard and the OpenAPI document share them.
/**
 * A billing period, YYYY-MM. The year is bounded (2000–2099): Date.UTC reads years 0–99 as
 * 1900–1999 and PostgreSQL has no year 0, so a wider pattern turned "0050-06" into 1,900 years.
 */
export const BILLING_PERIOD_PATTERN = /^20\d{2}-(0[1-9]|1[0-2])$/;
export const BILLING_PERIOD_MESSAGE = "Use a calendar month as YYYY-MM, e.g. 2026-11.";

/** The current (open) billing period, YYYY-MM (UTC). */
export function currentPeriod(now: Date = new Date()): string {
  return now.toISOString().slice(0, 7);
}

export function periodRange(period: string): { from: string; to: string; days: number } {
  const [y, m] = period.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0));
  return { from: `${period}-01`, to: last.toISOString().slice(0, 10), days: last.getUTCDate() };
}
