import "server-only";
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { findRegistrationById } from "../registrations/find-registration";

/** A registration's stamp connection as the page shows it (never the secret), or null. */
export async function getStampConnection(scope: PartnerScope, registrationId: string) {
  assertScopeCan(scope, "registrations:write");
  const registration = await findRegistrationById(scope, registrationId, { forWrite: true });
  const prisma = await getPrisma();
  const [connection, received] = await Promise.all([
    prisma.stampConnection.findUnique({
      where: { registrationId: registration.id },
      select: {
        armEndpoint: true,
        identitySystem: true,
        tenantId: true,
        clientId: true,
        credentialKind: true,
        caCertificatePem: true,
        providerSubscriptionId: true,
        updatedAt: true,
        lastPullAt: true,
        lastSuccessAt: true,
        newestUsageHour: true,
        lastErrorAt: true,
        lastError: true,
      },
    }),
    // Records the stamp delivered in the last 24 hours, whichever way they came (schedule or collector CLI).
    prisma.usageBatch.aggregate({
      where: { registrationId: registration.id, receivedAt: { gte: new Date(Date.now() - 24 * 3_600_000) } },
      _sum: { recordCount: true },
    }),
  ]);
  return connection ? { ...connection, recordsLast24h: received._sum.recordCount ?? 0 } : null;
}

export type StampConnectionView = NonNullable<Awaited<ReturnType<typeof getStampConnection>>>;
