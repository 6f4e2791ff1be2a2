// A period (YYYY-MM) as the days that bound it. Pure.

/** The period's first day and the next month's, as YYYY-MM-DD. */
export function periodDays(period: string): { firstDay: string; nextFirstDay: string } {
  const [year, month] = period.split("-").map(Number);
  return { firstDay: `${period}-01`, nextFirstDay: new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10) };
}
