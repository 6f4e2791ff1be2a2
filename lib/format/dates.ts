// The portal's one date format (decision, issue 16): ISO dates, YYYY-MM-DD, and times in UTC with
// the zone named, YYYY-MM-DD HH:mm UTC. Billing is UTC throughout (usage days, periods, recon
// files, effective dates), so a date on screen is the same day as in every file and API answer, in
// every browser. Pure: client components use it too.

const pad = (value: number) => String(value).padStart(2, "0");

function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

/** 2026-12-06 (the UTC day). */
export function formatDate(value: Date | string): string {
  return toDate(value).toISOString().slice(0, 10);
}

/** 2026-12-06 23:05 UTC. */
export function formatDateTime(value: Date | string): string {
  const date = toDate(value);
  return `${formatDate(date)} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

/** An hour bucket for people: "2026-12-06 23:00–24:00 UTC". */
export function formatUtcHour(value: Date | string): string {
  const date = toDate(value);
  const hour = date.getUTCHours();
  return `${formatDate(date)} ${pad(hour)}:00–${pad(hour + 1)}:00 UTC`;
}

/** A chart tick for an hour: the hour, or the day at midnight ("23:00", "Dec 7"). */
export function formatUtcHourTick(value: Date | string): string {
  const date = toDate(value);
  return date.getUTCHours() === 0 ? `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}` : `${pad(date.getUTCHours())}:00`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
