// Commerce days and re-dating (../shared/seeds/003: after an outage the gateway moves late usage to
// the next open day and keeps the original time in AdditionalInfo). Pure.

const DAY_MS = 86_400_000;
export const DEFAULT_USAGE_DAY_CLOSE_HOURS = 48;

/** USAGE_DAY_CLOSE_HOURS from the environment, or the default when unset or not a positive number. */
export function usageDayCloseHours(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.USAGE_DAY_CLOSE_HOURS);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_USAGE_DAY_CLOSE_HOURS;
}

/** Midnight UTC of the day containing `time`. */
export function utcDay(time: Date): Date {
  return new Date(Math.floor(time.getTime() / DAY_MS) * DAY_MS);
}

/**
 * A day D closes `closeHours` after it ends (D + 1 day + closeHours). The first day still open at
 * `ingestedAt` is therefore the day containing ingestedAt − closeHours.
 */
export function firstOpenDay(ingestedAt: Date, closeHours: number): Date {
  return utcDay(new Date(ingestedAt.getTime() - closeHours * 3_600_000));
}

/** The commerce day of usage that started at `usageStart`: its own day, or the first open day when late. */
export function commerceUsageDate(usageStart: Date, ingestedAt: Date, closeHours: number): { usageDate: Date; eventDate: Date; redated: boolean } {
  const eventDate = utcDay(usageStart);
  const open = firstOpenDay(ingestedAt, closeHours);
  return eventDate.getTime() < open.getTime() ? { usageDate: open, eventDate, redated: true } : { usageDate: eventDate, eventDate, redated: false };
}
