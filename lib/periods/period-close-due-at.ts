// When a billing period closes on its own: its last usage day closes USAGE_DAY_CLOSE_HOURS after
// the month's end (the ingest re-dates later records into the open period), then the billing
// partner's grace in days. Pure (no "server-only"): the schedule, the pages and tests share it.
import { periodRange } from "../billing/billing-period";

export const DEFAULT_CLOSE_GRACE_DAYS = 3;

export function periodCloseDueAt(period: string, usageDayCloseHours: number, graceDays: number): Date {
  const { to } = periodRange(period);
  const monthEnd = Date.parse(`${to}T00:00:00Z`) + 24 * 3600_000;
  return new Date(monthEnd + usageDayCloseHours * 3600_000 + graceDays * 24 * 3600_000);
}
