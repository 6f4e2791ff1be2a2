import "server-only";
import { randomUUID } from "node:crypto";
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { COMMON_ERROR_CODES, DomainError } from "../errors";
import type { RegistrationInput } from "./registration-schemas";
import { findRegistrationById, type RegistrationRecord } from "./find-registration";

function subscriptionFieldError(message: string): DomainError {
  return new DomainError(COMMON_ERROR_CODES.ValidationFailed, message, { fields: { subscriptionId: message } });
}

/**
 * The registration (default) subscription must be one of the partner's own: its APSS (shared
 * services) subscription, or a CSP subscription of one of its customers. Usage of tenants that are
 * not added to the registration is billed to it.
 */
export async function assertRegistrationSubscription(scope: PartnerScope, subscriptionId: string): Promise<void> {
  const prisma = await getPrisma();
  const subscription = await prisma.azureSubscription.findUnique({
    where: { id: subscriptionId },
    select: { type: true, status: true, rollsUpToPartnerId: true, customer: { select: { partnerId: true } } },
  });
  const mine =
    subscription &&
    ((subscription.rollsUpToPartnerId && scope.manageablePartnerIds.includes(subscription.rollsUpToPartnerId)) ||
      (subscription.customer && scope.manageablePartnerIds.includes(subscription.customer.partnerId)));
  if (!subscription || !mine) {
    throw subscriptionFieldError("Choose one of your own CSP or Azure Partner Shared Services subscriptions.");
  }
  if (subscription.type !== "CSP" && subscription.type !== "APSS") {
    throw subscriptionFieldError("The registration subscription must be a CSP or an APSS subscription, for multi-tenant usage reporting.");
  }
  if (subscription.status !== "ACTIVE") {
    throw subscriptionFieldError("That subscription is not active.");
  }
}

/** Registers a stamp (Set-AzsRegistration): one registration per CloudDeploymentID. */
export async function createRegistration(scope: PartnerScope, input: RegistrationInput): Promise<RegistrationRecord> {
  assertScopeCan(scope, "registrations:write");
  if (!scope.partnerId) throw new DomainError(COMMON_ERROR_CODES.Forbidden, "Operators don't register stamps.");
  await assertRegistrationSubscription(scope, input.subscriptionId);

  const prisma = await getPrisma();
  const clash = await prisma.registration.findFirst({
    where: {
      OR: [
        { cloudDeploymentId: input.cloudDeploymentId },
        ...(input.objectId ? [{ objectId: input.objectId }] : []),
        {
          subscriptionId: input.subscriptionId,
          resourceGroup: { equals: input.resourceGroup, mode: "insensitive" },
          name: { equals: input.name, mode: "insensitive" },
        },
      ],
    },
    select: { cloudDeploymentId: true, objectId: true },
  });
  if (clash) {
    const fields: Record<string, string> =
      clash.cloudDeploymentId === input.cloudDeploymentId
        ? { cloudDeploymentId: "This stamp is already registered: a stamp has exactly one registration." }
        : clash.objectId === input.objectId
          ? { objectId: "Another registration already has this ObjectId: use the token of the stamp you are registering." }
          : { name: "A registration with this name already exists in that resource group." };
    throw new DomainError(COMMON_ERROR_CODES.Conflict, "That registration already exists.", { fields });
  }

  const partnerId = scope.partnerId;
  const created = await prisma.$transaction(async (tx) => {
    const registration = await tx.registration.create({
      data: {
        partnerId,
        name: input.name,
        resourceGroup: input.resourceGroup,
        subscriptionId: input.subscriptionId,
        cloudDeploymentId: input.cloudDeploymentId,
        objectId: input.objectId ?? randomUUID(),
        marketplaceSyndicationEnabled: input.marketplaceSyndicationEnabled ?? false,
        tags: input.tags ?? {},
        stampName: input.stampName,
        stampRegion: input.stampRegion,
        billingModel: input.billingModel,
        agreementNumber: input.agreementNumber ?? null,
        usageReportingEnabled: input.usageReportingEnabled,
      },
      select: { id: true, name: true, resourceGroup: true, subscriptionId: true, cloudDeploymentId: true, billingModel: true },
    });
    await recordAuditEvent(tx, scope, {
      action: "registration.create",
      targetType: "Registration",
      targetId: registration.id,
      partnerId,
      after: registration,
    });
    return registration;
  });
  return findRegistrationById(scope, created.id);
}
