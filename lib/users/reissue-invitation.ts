import "server-only";
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { DomainError } from "../errors";
import { USER_ERROR_CODES } from "./user-error-codes";
import { findManagedInvitation } from "./find-managed-invitation";
import { assertEmailFree, issueInvitation, type IssuedInvitation } from "./issue-invitation";
import type { InvitableRole } from "./user-schemas";

/**
 * Issues a new link for the same person (lost link, expired): the old invitation is revoked in the
 * same transaction, so only the newest link works. An accepted invitation can't be re-issued.
 */
export async function reissueInvitation(scope: PartnerScope, invitationId: string): Promise<IssuedInvitation> {
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const old = await findManagedInvitation(tx, scope, invitationId);
    if (old.acceptedAt) {
      throw new DomainError(USER_ERROR_CODES.InvitationUsed, "This invitation was already accepted: the person can sign in.", { status: 409 });
    }
    if (!old.revokedAt) {
      const { count } = await tx.userInvitation.updateMany({
        where: { id: old.id, revokedAt: null, acceptedAt: null },
        data: { revokedAt: new Date() },
      });
      if (count === 0) {
        throw new DomainError(USER_ERROR_CODES.InvitationUsed, "This invitation was just accepted or revoked. Reload the page.", { status: 409 });
      }
    }
    await assertEmailFree(tx, old.email, { field: "email", exceptInvitationId: old.id });
    return issueInvitation(
      tx,
      scope,
      { partnerId: old.partnerId, email: old.email, displayName: old.displayName, role: old.role as InvitableRole, customerId: old.customerId },
      { action: "invitation.reissue", replacesInvitationId: old.id },
    );
  });
}
