import "server-only";
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { COMMON_ERROR_CODES, DomainError } from "../errors";
import { findRegistrationById } from "../registrations/find-registration";
import { sealSecret } from "./secret-box";
import type { StampConnectionInput } from "./stamp-connection-schemas";

/**
 * Creates or replaces a registration's stamp connection. The secret (or certificate with its key)
 * is encrypted before it is stored and never returned; leaving it empty keeps the stored one. The
 * audit event records what changed, never the secret.
 */
export async function saveStampConnection(scope: PartnerScope, input: StampConnectionInput): Promise<{ id: string }> {
  assertScopeCan(scope, "registrations:write");
  const registration = await findRegistrationById(scope, input.registrationId, { forWrite: true });
  const prisma = await getPrisma();
  const existing = await prisma.stampConnection.findUnique({
    where: { registrationId: registration.id },
    select: {
      id: true,
      armEndpoint: true,
      identitySystem: true,
      tenantId: true,
      clientId: true,
      credentialKind: true,
      credentialCiphertext: true,
      providerSubscriptionId: true,
      caCertificatePem: true,
    },
  });
  const credential = input.credential?.trim();
  if (!credential && (!existing || existing.credentialKind !== input.credentialKind)) {
    throw new DomainError(COMMON_ERROR_CODES.ValidationFailed, "Enter the service principal's secret or certificate.", {
      fields: { credential: input.credentialKind === "secret" ? "The client secret is required." : "The certificate PEM with its private key is required." },
    });
  }
  const data = {
    armEndpoint: input.armEndpoint.replace(/\/+$/, ""),
    identitySystem: input.identitySystem,
    tenantId: input.identitySystem === "ADFS" ? "adfs" : (input.tenantId ?? "").toLowerCase(),
    clientId: input.clientId,
    credentialKind: input.credentialKind,
    credentialCiphertext: credential ? sealSecret(credential) : (existing?.credentialCiphertext ?? ""),
    caCertificatePem: input.caCertificatePem || null,
    providerSubscriptionId: input.providerSubscriptionId.toLowerCase(),
  };
  const shown = (value: typeof data | NonNullable<typeof existing>) => ({
    armEndpoint: value.armEndpoint,
    identitySystem: value.identitySystem,
    tenantId: value.tenantId,
    clientId: value.clientId,
    credentialKind: value.credentialKind,
    providerSubscriptionId: value.providerSubscriptionId,
    customCa: value.caCertificatePem !== null,
  });
  return prisma.$transaction(async (tx) => {
    const saved = await tx.stampConnection.upsert({
      where: { registrationId: registration.id },
      create: { registrationId: registration.id, ...data },
      update: data,
      select: { id: true },
    });
    await recordAuditEvent(tx, scope, {
      action: existing ? "stamp.connection.update" : "stamp.connection.create",
      targetType: "Registration",
      targetId: registration.id,
      partnerId: registration.partnerId,
      before: existing ? shown(existing) : undefined,
      after: { ...shown(data), secretChanged: Boolean(credential) },
    });
    return saved;
  });
}
