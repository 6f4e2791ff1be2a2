// A statement's number: the same for the same customer and period every time it is printed, so a
// customer quoting it can be matched to it (ST-<period>-<customer>). Pure: no database.
export function statementNumber(customerId: string, period: string): string {
  return `ST-${period.replace("-", "")}-${customerId.slice(-8).toUpperCase()}`;
}

/** A month is open (its statement provisional) until it has ended, in UTC. */
export function isOpenPeriod(period: string, now: Date = new Date()): boolean {
  return period >= now.toISOString().slice(0, 7);
}
