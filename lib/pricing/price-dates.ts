// Dates of price lists: stored and compared as YYYY-MM-DD (UTC calendar days). Pure.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
// Partner Center's CSV downloads write US dates ("1/1/2026 12:00:00 AM").
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s.*)?$/;

function formatDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * The calendar day of a price list date, or null when it isn't one. Date-times keep their written
 * day: a price effective "2026-02-01T00:00:00-08:00" starts on February 1st, not January 31st.
 */
export function parsePriceDate(raw: string): string | null {
  const value = raw.trim();
  const iso = ISO_DATE.exec(value);
  if (iso) return formatDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const us = US_DATE.exec(value);
  if (us) return formatDay(Number(us[3]), Number(us[1]), Number(us[2]));
  return null;
}

/** Today as YYYY-MM-DD in UTC. */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** A YYYY-MM-DD day as a Date at UTC midnight (what Prisma returns for @db.Date). */
export function dayToDate(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

export function dateToDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Partner Center's "no end" date (11/30/9999 11:59:59 PM): any day of year 9999. */
export function isOpenEndDay(day: string): boolean {
  return day.startsWith("9999-");
}

/** The day Partner Center's price sheet writes for a price with no end. */
export const OPEN_END_DAY = "9999-11-30";

/**
 * A YYYY-MM-DD day as Partner Center's price sheet writes it: "3/1/2018 12:00:00 AM" for a start,
 * "11/30/9999 11:59:59 PM" (the day's last second) for an end.
 */
export function formatPartnerCenterDate(day: string, end: boolean): string {
  const [year, month, date] = day.split("-").map(Number);
  return `${month}/${date}/${year} ${end ? "11:59:59 PM" : "12:00:00 AM"}`;
}
