import "server-only";
import { getDatabase, getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { visibleRegistrationsWhere } from "../registrations/registration-scope";

export interface UsageHourPoint {
  /** ISO hour (UTC). */
  hour: string;
  records: number;
  rejected: number;
}

export interface UnregisteredUsageRow {
  localSubscriptionId: string;
  lines: number;
  pretaxAmount: string | null;
  currency: string | null;
}

export interface UsageRegistrationDetail {
  hours: UsageHourPoint[];
  rejections: { createdAt: Date; recordIndex: number; code: string; reason: string; batchId: string }[];
  unregistered: UnregisteredUsageRow[];
}

/**
 * One registration's usage health. Cheap by construction: records per hour come from the UsageBatch
 * counters of the last 48 hours (index registrationId, receivedAt), not from counting UsageRecord;
 * the unregistered-tenant summary reads the already-grouped rated lines of the last 31 days.
 */
export async function getUsageRegistrationDetail(scope: PartnerScope, registrationId: string, now = new Date()): Promise<UsageRegistrationDetail | null> {
  assertScopeCan(scope, "usage:read");
  const prisma = await getPrisma();
  const registration = await prisma.registration.findFirst({ where: { ...visibleRegistrationsWhere(scope), id: registrationId }, select: { id: true } });
  if (!registration) return null;
  const since = new Date(now.getTime() - 48 * 3_600_000);
  const { sql } = await getDatabase();
  const [hours, rejections, unregistered] = await Promise.all([
    sql.query<{ hour: string; records: number; rejected: number }>(
      `SELECT to_char(date_trunc('hour', "receivedAt"), 'YYYY-MM-DD"T"HH24:00"Z"') AS hour,
              sum("accepted" + "corrected" + "duplicate")::int AS records, sum("rejected")::int AS rejected
         FROM "UsageBatch" WHERE "registrationId" = $1 AND "receivedAt" >= $2
        GROUP BY 1 ORDER BY 1`,
      [registration.id, since.toISOString()],
    ),
    prisma.usageRejection.findMany({
      where: { registrationId: registration.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 50,
      select: { createdAt: true, recordIndex: true, code: true, reason: true, batchId: true },
    }),
    sql.query<UnregisteredUsageRow>(
      `SELECT "localSubscriptionId", count(*)::int AS lines, sum("pretaxAmount")::text AS "pretaxAmount", max("currency") AS currency
         FROM "RatedUsageLine" WHERE "registrationId" = $1 AND "unregisteredTenant" AND "usageDate" >= $2::date
        GROUP BY 1 ORDER BY 1 LIMIT 100`,
      [registration.id, new Date(now.getTime() - 31 * 86_400_000).toISOString().slice(0, 10)],
    ),
  ]);
  return { hours: fillHours(hours.rows, since, now), rejections, unregistered: unregistered.rows };
}

/** Every hour of the window, zero where nothing arrived, so the chart's gaps are visible as gaps. */
function fillHours(rows: UsageHourPoint[], since: Date, now: Date): UsageHourPoint[] {
  const byHour = new Map(rows.map((row) => [row.hour, row]));
  const points: UsageHourPoint[] = [];
  for (let t = Math.ceil(since.getTime() / 3_600_000) * 3_600_000; t <= now.getTime(); t += 3_600_000) {
    const hour = new Date(t).toISOString().slice(0, 13) + ":00Z";
    points.push(byHour.get(hour) ?? { hour, records: 0, rejected: 0 });
  }
  return points;
}
