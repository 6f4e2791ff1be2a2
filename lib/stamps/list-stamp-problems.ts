import "server-only";
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { visibleRegistrationsWhere } from "../registrations/registration-scope";
import { stampProblem } from "./stamp-silence";

/** The scope's connected stamps that are failing or silent, for the dashboard's warning. */
export async function listStampProblems(scope: PartnerScope, now = new Date()) {
  assertScopeCan(scope, "registrations:read");
  const prisma = await getPrisma();
  const connections = await prisma.stampConnection.findMany({
    where: { registration: visibleRegistrationsWhere(scope) },
    select: {
      newestUsageHour: true,
      lastSuccessAt: true,
      lastErrorAt: true,
      lastError: true,
      registration: { select: { id: true, name: true, stampName: true } },
    },
  });
  return connections.flatMap((connection) => {
    const problem = stampProblem(connection, now);
    return problem
      ? [
          {
            problem,
            registrationId: connection.registration.id,
            stampName: connection.registration.stampName,
            newestUsageHour: connection.newestUsageHour,
            lastError: connection.lastError,
          },
        ]
      : [];
  });
}

export type StampProblem = Awaited<ReturnType<typeof listStampProblems>>[number];
