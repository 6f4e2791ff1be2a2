import "server-only";
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { visibleRegistrationsWhere } from "../registrations/registration-scope";

export interface UsageRegistrationSummary {
  id: string;
  stampName: string;
  name: string;
  billingModel: "PAY_AS_YOU_USE" | "CAPACITY";
  lastIngestAt: Date | null;
}

/** The registrations the scope sees, with their last ingest time (one grouped query over UsageBatch). */
export async function listUsageRegistrations(scope: PartnerScope): Promise<UsageRegistrationSummary[]> {
  assertScopeCan(scope, "usage:read");
  const prisma = await getPrisma();
  const registrations = await prisma.registration.findMany({
    where: visibleRegistrationsWhere(scope),
    select: { id: true, stampName: true, name: true, billingModel: true },
    orderBy: [{ stampName: "asc" }, { id: "asc" }],
    take: 500,
  });
  const last = await prisma.usageBatch.groupBy({
    by: ["registrationId"],
    where: { registrationId: { in: registrations.map((r) => r.id) } },
    _max: { receivedAt: true },
  });
  const lastBy = new Map(last.map((row) => [row.registrationId, row._max.receivedAt]));
  return registrations.map((r) => ({ ...r, lastIngestAt: lastBy.get(r.id) ?? null }));
}
