import "server-only";
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { DomainError } from "../errors";
import { USER_ERROR_CODES } from "./user-error-codes";
import { findManagedInvitation } from "./find-managed-invitation";

/** Revokes a pending invitation: its link stops working at once. An accepted one can't be revoked. */
export async function revokeInvitation(scope: PartnerScope, invitationId: string): Promise<{ id: string; revokedAt: Date }> {
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const invitation = await findManagedInvitation(tx, scope, invitationId);
    if (invitation.acceptedAt) {
      throw new DomainError(USER_ERROR_CODES.InvitationUsed, "This invitation was already accepted: deactivate the user instead.", { status: 409 });
    }
    if (invitation.revokedAt) return { id: invitation.id, revokedAt: invitation.revokedAt };
    const revokedAt = new Date();
    // Conditional on still being open, so a concurrent accept or revoke wins cleanly.
    const { count } = await tx.userInvitation.updateMany({
      where: { id: invitation.id, revokedAt: null, acceptedAt: null },
      data: { revokedAt },
    });
    if (count === 0) {
      throw new DomainError(USER_ERROR_CODES.InvitationUsed, "This invitation was just accepted or revoked. Reload the page.", { status: 409 });
    }
    await recordAuditEvent(tx, scope, {
      action: "invitation.revoke",
      targetType: "UserInvitation",
      targetId: invitation.id,
      partnerId: invitation.partnerId,
      before: { email: invitation.email, revokedAt: null },
      after: { revokedAt: revokedAt.toISOString() },
    });
    return { id: invitation.id, revokedAt };
  });
}
