import "server-only";
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { DomainError } from "../errors";
import { REGISTRATION_ERROR_CODES, type ArmRegistrationRef } from "./registration-errors";
import { findRegistrationByRef } from "./find-registration";
import { DELETE_REGISTRATION_ERROR_CODES } from "./delete-registration-error-codes";

/**
 * DELETE …/registrations/{name} (Remove-AzsRegistration). Refused while customer tenants are added
 * (the partner removes them first, deliberately) and once the stamp has reported usage (its
 * billing history stays); otherwise the registration goes with its ingestion keys and local
 * subscriptions. Idempotent as ARM deletes are: a registration that isn't there (or isn't the
 * caller's) is "absent", never an error.
 */
export async function deleteRegistration(scope: PartnerScope, ref: ArmRegistrationRef): Promise<"deleted" | "absent"> {
  assertScopeCan(scope, "registrations:write");
  const registration = await findRegistrationByRef(scope, ref, { forWrite: true }).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === REGISTRATION_ERROR_CODES.RegistrationNotFound) return null;
    throw error;
  });
  if (!registration) return "absent";
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    // The row lock makes a concurrent tenant add or usage batch wait for (and then fail on) the delete.
    await tx.$queryRaw`SELECT 1 FROM "Registration" WHERE "id" = ${registration.id} FOR UPDATE`;
    const tenants = await tx.customerSubscriptionRegistration.count({ where: { registrationId: registration.id } });
    // Usage may have arrived through batches or been loaded in bulk (history imports): any of it counts.
    const usage = await tx.$queryRaw<{ found: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM "UsageBatch" WHERE "registrationId" = ${registration.id})
          OR EXISTS (SELECT 1 FROM "UsageRecord" WHERE "registrationId" = ${registration.id})
          OR EXISTS (SELECT 1 FROM "RatedUsageLine" WHERE "registrationId" = ${registration.id}) AS "found"`;
    if (tenants > 0) {
      throw new DomainError(
        DELETE_REGISTRATION_ERROR_CODES.RegistrationHasCustomerSubscriptions,
        `Registration '${registration.name}' still has ${tenants} customer tenant${tenants === 1 ? "" : "s"}. ` +
          `Remove them first (DELETE …/customerSubscriptions/{id}): deleting the registration would bill their usage elsewhere without anyone deciding it.`,
        { status: 409 },
      );
    }
    if (usage[0]?.found) {
      throw new DomainError(
        DELETE_REGISTRATION_ERROR_CODES.RegistrationHasUsage,
        `Registration '${registration.name}' has reported usage, which recon files and statements are built from: it stays for the billing history. ` +
          `To stop usage reporting, re-register the stamp with usage reporting disabled.`,
        { status: 409 },
      );
    }
    await tx.registration.delete({ where: { id: registration.id }, select: { id: true } });
    await recordAuditEvent(tx, scope, {
      action: "registration.delete",
      targetType: "Registration",
      targetId: registration.id,
      partnerId: registration.partnerId,
      before: {
        name: registration.name,
        resourceGroup: registration.resourceGroup,
        subscriptionId: registration.subscriptionId,
        cloudId: registration.cloudDeploymentId,
      },
    });
    return "deleted" as const;
  });
}
