import "server-only";
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { findRegistrationById, type RegistrationRecord } from "./find-registration";

/** Replaces a registration's ARM tags (PATCH …/registrations/{name}); identical tags write nothing. */
export async function updateRegistrationTags(scope: PartnerScope, registrationId: string, tags: Record<string, string>): Promise<RegistrationRecord> {
  assertScopeCan(scope, "registrations:write");
  const existing = await findRegistrationById(scope, registrationId, { forWrite: true });
  const sorted = (value: Record<string, unknown>) => JSON.stringify(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
  const before = typeof existing.tags === "object" && existing.tags !== null && !Array.isArray(existing.tags) ? existing.tags : {};
  if (sorted(before) === sorted(tags)) return existing;
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    await tx.registration.update({ where: { id: existing.id }, data: { tags }, select: { id: true } });
    await recordAuditEvent(tx, scope, {
      action: "registration.tags.update",
      targetType: "Registration",
      targetId: existing.id,
      partnerId: existing.partnerId,
      before: { tags: before },
      after: { tags },
    });
  });
  return findRegistrationById(scope, existing.id);
}
