import "server-only";
import type { z } from "zod";
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { COMMON_ERROR_CODES, DomainError } from "../errors";
import type { reregisterSchema } from "./registration-schemas";
import { findRegistrationById, type RegistrationRecord } from "./find-registration";

/**
 * Re-registers a stamp: changes its billing model (the only way to move between Capacity and
 * Pay-as-you-use), usage reporting and stamp details. Switching to Capacity is refused while
 * customer tenants are registered: Capacity has no per-tenant billing, and silently dropping the
 * tenants would re-bill their usage — the partner removes them first, deliberately.
 */
export async function reregister(scope: PartnerScope, input: z.output<typeof reregisterSchema>): Promise<RegistrationRecord> {
  assertScopeCan(scope, "registrations:write");
  const existing = await findRegistrationById(scope, input.registrationId, { forWrite: true });
  const prisma = await getPrisma();
  if (input.billingModel === "CAPACITY" && existing.billingModel !== "CAPACITY") {
    const tenants = await prisma.customerSubscriptionRegistration.count({ where: { registrationId: existing.id } });
    if (tenants > 0) {
      throw new DomainError(
        COMMON_ERROR_CODES.Conflict,
        `Remove the ${tenants} customer tenant${tenants === 1 ? "" : "s"} first: Capacity registrations can't bill usage to customer subscriptions.`,
        { fields: { billingModel: "Remove the customer tenants before switching to Capacity." } },
      );
    }
  }
  const capacity = input.billingModel === "CAPACITY";
  const data = {
    stampName: input.stampName,
    stampRegion: input.stampRegion,
    billingModel: input.billingModel,
    agreementNumber: capacity ? (input.agreementNumber ?? null) : null,
    usageReportingEnabled: capacity ? false : input.usageReportingEnabled,
    marketplaceSyndicationEnabled: input.marketplaceSyndicationEnabled ?? existing.marketplaceSyndicationEnabled,
  };
  await prisma.$transaction(async (tx) => {
    await tx.registration.update({ where: { id: existing.id }, data, select: { id: true } });
    await recordAuditEvent(tx, scope, {
      action: existing.billingModel === input.billingModel ? "registration.update" : "registration.reregister",
      targetType: "Registration",
      targetId: existing.id,
      partnerId: existing.partnerId,
      before: {
        stampName: existing.stampName,
        stampRegion: existing.stampRegion,
        billingModel: existing.billingModel,
        agreementNumber: existing.agreementNumber,
        usageReportingEnabled: existing.usageReportingEnabled,
        marketplaceSyndicationEnabled: existing.marketplaceSyndicationEnabled,
      },
      after: data,
    });
  });
  return findRegistrationById(scope, existing.id);
}
