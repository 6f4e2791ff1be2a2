import "server-only";
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { COMMON_ERROR_CODES, DomainError, notFound } from "../errors";

export type MultiTenancyDecision = "APPROVED" | "REJECTED";

/** An operator (Microsoft) approves or rejects a pending multi-tenancy request. */
export async function decideMultiTenancy(scope: PartnerScope, input: { registrationId: string; decision: MultiTenancyDecision; note?: string }) {
  assertScopeCan(scope, "platform:operate");
  const prisma = await getPrisma();
  const registration = await prisma.registration.findUnique({
    where: { id: input.registrationId },
    select: { id: true, partnerId: true, multiTenancyState: true },
  });
  if (!registration) throw notFound("Registration");
  if (registration.multiTenancyState !== "PENDING") {
    throw new DomainError(COMMON_ERROR_CODES.Conflict, "Only a pending request can be approved or rejected.");
  }
  if (input.decision === "REJECTED" && !input.note?.trim()) {
    throw new DomainError(COMMON_ERROR_CODES.ValidationFailed, "Say why the request is rejected.", {
      fields: { note: "A reason is required to reject." },
    });
  }
  await prisma.$transaction(async (tx) => {
    await tx.registration.update({
      where: { id: registration.id },
      data: { multiTenancyState: input.decision, multiTenancyDecidedAt: new Date(), multiTenancyDecisionNote: input.note?.trim() || null },
      select: { id: true },
    });
    await recordAuditEvent(tx, scope, {
      action: input.decision === "APPROVED" ? "registration.multiTenancy.approve" : "registration.multiTenancy.reject",
      targetType: "Registration",
      targetId: registration.id,
      partnerId: registration.partnerId,
      before: { multiTenancyState: "PENDING" },
      after: { multiTenancyState: input.decision, note: input.note?.trim() || null },
    });
  });
  return { state: input.decision };
}
