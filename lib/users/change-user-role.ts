import "server-only";
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { revokeUserSessions } from "../auth/revoke-user-sessions";
import { assertNotSelf, findManagedUser } from "./find-managed-user";
import { assertAnotherActiveAdmin, lockPartnerUsers } from "./last-admin";
import { DomainError } from "../errors";
import { USER_ERROR_CODES } from "./user-error-codes";
import type { PartnerRole } from "./user-schemas";

/** Changes a user's role; never one's own, never the partner's last active admin agent away from admin. */
export async function changeUserRole(scope: PartnerScope, userId: string, role: PartnerRole) {
  assertNotSelf(scope, userId, "change the role of");
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const found = await findManagedUser(tx, scope, userId);
    await lockPartnerUsers(tx, found.partnerId);
    // Re-read under the lock: the role may have changed since.
    const user = await findManagedUser(tx, scope, userId);
    if (user.role === "CUSTOMER_READER") {
      // A customer's user never becomes a partner user (nor the reverse: PartnerRole has no CUSTOMER_READER).
      throw new DomainError(USER_ERROR_CODES.CustomerReaderRoleFixed, "A customer's user keeps the customer reader role. Invite a partner user instead.", {
        status: 409,
        fields: { role: "A customer reader's role can't be changed." },
      });
    }
    if (user.role === role) return { id: user.id, role };
    if (user.role === "ADMIN_AGENT" && user.active) await assertAnotherActiveAdmin(tx, user.partnerId, user.id, "demote");
    await tx.user.update({ where: { id: user.id }, data: { role }, select: { id: true } });
    await revokeUserSessions(tx, user.id);
    await recordAuditEvent(tx, scope, {
      action: "user.changeRole",
      targetType: "User",
      targetId: user.id,
      partnerId: user.partnerId,
      before: { email: user.email, role: user.role },
      after: { role },
    });
    return { id: user.id, role };
  });
}
