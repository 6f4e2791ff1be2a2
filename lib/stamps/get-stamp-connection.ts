import "server-only";
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { findRegistrationById } from "../registrations/find-registration";

/** A registration's stamp connection as the page shows it (never the secret), or null. */
export async function getStampConnection(scope: PartnerScope, registrationId: string) {
  assertScopeCan(scope, "registrations:write");
  const registration = await findRegistrationById(scope, registrationId, { forWrite: true });
  const prisma = await getPrisma();
  return prisma.stampConnection.findUnique({
    where: { registrationId: registration.id },
    select: { armEndpoint: true, identitySystem: true, tenantId: true, clientId: true, credentialKind: true, caCertificatePem: true, providerSubscriptionId: true, updatedAt: true },
  });
}

export type StampConnectionView = NonNullable<Awaited<ReturnType<typeof getStampConnection>>>;
