import "server-only";
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { assertManagesUsersOf } from "./managed-partner";

export type InvitationState = "PENDING" | "ACCEPTED" | "REVOKED" | "EXPIRED";

export function invitationState(invitation: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now = new Date()): InvitationState {
  if (invitation.acceptedAt) return "ACCEPTED";
  if (invitation.revokedAt) return "REVOKED";
  if (invitation.expiresAt <= now) return "EXPIRED";
  return "PENDING";
}

/**
 * One partner's users and its open invitations (pending or expired, so an expired link can be
 * re-issued; accepted and revoked ones are history, kept in the audit log).
 */
export async function listPartnerUsers(scope: PartnerScope, partnerId: string) {
  assertManagesUsersOf(scope, partnerId);
  const prisma = await getPrisma();
  const [users, invitations] = await Promise.all([
    prisma.user.findMany({
      where: { partnerId },
      orderBy: [{ active: "desc" }, { displayName: "asc" }],
      select: {
        id: true,
        email: true,
        displayName: true,
        role: true,
        active: true,
        createdAt: true,
        lastSignInAt: true,
        customer: { select: { companyName: true } },
      },
    }),
    prisma.userInvitation.findMany({
      where: { partnerId, acceptedAt: null, revokedAt: null },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        email: true,
        displayName: true,
        role: true,
        createdAt: true,
        expiresAt: true,
        acceptedAt: true,
        revokedAt: true,
        customer: { select: { companyName: true } },
      },
    }),
  ]);
  const activeAdmins = users.filter((user) => user.active && user.role === "ADMIN_AGENT").length;
  return {
    users: users.map((user) => ({
      ...user,
      isSelf: user.id === scope.userId,
      isLastActiveAdmin: user.active && user.role === "ADMIN_AGENT" && activeAdmins === 1,
    })),
    invitations: invitations.map(({ acceptedAt, revokedAt, ...invitation }) => ({
      ...invitation,
      state: invitationState({ acceptedAt, revokedAt, expiresAt: invitation.expiresAt }),
    })),
  };
}

export type PartnerUsers = Awaited<ReturnType<typeof listPartnerUsers>>;
export type PartnerUserRow = PartnerUsers["users"][number];
export type PartnerInvitationRow = PartnerUsers["invitations"][number];
