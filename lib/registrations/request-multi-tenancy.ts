import "server-only";
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { COMMON_ERROR_CODES, DomainError } from "../errors";
import { findRegistrationById } from "./find-registration";
import { registrationErrors } from "./registration-errors";
import { multiTenancyRequestEmail } from "./multi-tenancy-email";

/** Asks Microsoft (the platform operators) to approve a registration for multi-tenancy. */
export async function requestMultiTenancy(scope: PartnerScope, registrationId: string) {
  assertScopeCan(scope, "registrations:write");
  const registration = await findRegistrationById(scope, registrationId, { forWrite: true });
  if (registration.billingModel === "CAPACITY") throw registrationErrors.customerSubscriptionsNotAllowed();
  if (registration.multiTenancyState === "PENDING" || registration.multiTenancyState === "APPROVED") {
    throw new DomainError(
      COMMON_ERROR_CODES.Conflict,
      registration.multiTenancyState === "PENDING"
        ? "Approval was already requested and is waiting for Microsoft."
        : "This registration is already approved for multi-tenancy.",
    );
  }
  const email = multiTenancyRequestEmail({ ...registration, partnerName: registration.partner.name });
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    await tx.registration.update({
      where: { id: registration.id },
      data: { multiTenancyState: "PENDING", multiTenancyRequestedAt: new Date(), multiTenancyDecisionNote: null },
      select: { id: true },
    });
    await recordAuditEvent(tx, scope, {
      action: "registration.multiTenancy.request",
      targetType: "Registration",
      targetId: registration.id,
      partnerId: registration.partnerId,
      before: { multiTenancyState: registration.multiTenancyState },
      after: { multiTenancyState: "PENDING", email },
    });
  });
  return { state: "PENDING" as const, email };
}
