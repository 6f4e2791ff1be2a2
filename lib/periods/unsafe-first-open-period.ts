import "server-only";
// The first period of a billing partner that is still open: the month after its latest closed
// period, or (never closed) its first month of rated usage; null when it has no usage at all.
// Periods close in order from there, automatically or by an admin. Unsafe: takes a partner id the
// caller resolved (the schedule, or an admin's own scope).
import type { Database } from "../database/open-database";

export function shiftPeriod(period: string, months: number): string {
  return new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)) - 1 + months, 1)).toISOString().slice(0, 7);
}

export async function unsafeFirstOpenPeriod(database: Pick<Database, "prisma" | "sql">, partnerId: string): Promise<string | null> {
  const latest = await database.prisma.billingPeriodClose.findFirst({ where: { partnerId }, orderBy: { period: "desc" }, select: { period: true } });
  if (latest) return shiftPeriod(latest.period, 1);
  const { rows } = await database.sql.query<{ first: string | null }>(
    `SELECT to_char(min(m."period"), 'YYYY-MM') AS "first" FROM "RatedUsageMonthly" m
       JOIN "AzureSubscription" s ON s."id" = m."azureSubscriptionId" WHERE s."rollsUpToPartnerId" = $1`,
    [partnerId],
  );
  return rows[0]?.first ?? null;
}
