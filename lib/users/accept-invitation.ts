import "server-only";
import { hashPassword } from "../auth/password-hash";
import type { Prisma } from "../../generated/prisma/client";
import { Prisma as PrismaRuntime } from "../../generated/prisma/client";
import { getPrisma } from "../db";
import { recordAuditEvent } from "../audit/record-audit-event";
import { DomainError } from "../errors";
import { USER_ERROR_CODES } from "./user-error-codes";
import { hashInvitationToken, isWellFormedInvitationToken } from "./invitation-format";
import { invitationState } from "./list-partner-users";
import type { AcceptInvitationInput } from "./user-schemas";

const INVITATION_SELECT = {
  id: true,
  email: true,
  displayName: true,
  role: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
  partnerId: true,
  customerId: true,
  customer: { select: { companyName: true, partnerId: true } },
  partner: { select: { name: true, status: true, parent: { select: { status: true } } } },
} satisfies Prisma.UserInvitationSelect;

const notFound = () =>
  new DomainError(USER_ERROR_CODES.InvitationNotFound, "This invitation link is not valid. Check you copied all of it, or ask for a new one.", {
    status: 404,
  });

/** Why an invitation can't be used now, as the error the person sees; null when it can. */
function refusal(invitation: Prisma.UserInvitationGetPayload<{ select: typeof INVITATION_SELECT }>, now: Date): DomainError | null {
  const state = invitationState(invitation, now);
  if (state === "ACCEPTED") {
    return new DomainError(USER_ERROR_CODES.InvitationUsed, "This invitation has already been used. Sign in with the password you set.", { status: 409 });
  }
  if (state === "REVOKED") {
    return new DomainError(USER_ERROR_CODES.InvitationRevoked, "This invitation was revoked. Ask your administrator for a new link.", { status: 410 });
  }
  if (state === "EXPIRED") {
    return new DomainError(USER_ERROR_CODES.InvitationExpired, "This invitation has expired. Ask your administrator to re-issue it.", { status: 410 });
  }
  if (invitation.customer && invitation.customer.partnerId !== invitation.partnerId) {
    return new DomainError(
      USER_ERROR_CODES.InvitationRevoked,
      "This invitation's customer has moved to another partner. Ask your new partner for an invitation.",
      {
        status: 410,
      },
    );
  }
  if (invitation.partner.status === "SUSPENDED" || invitation.partner.parent?.status === "SUSPENDED") {
    return new DomainError(USER_ERROR_CODES.PartnerSuspended, `${invitation.partner.name} is suspended: its invitations can't be accepted now.`, {
      status: 403,
    });
  }
  return null;
}

async function findByToken(client: Prisma.TransactionClient, token: string) {
  if (!isWellFormedInvitationToken(token)) return null;
  return client.userInvitation.findUnique({ where: { tokenHash: hashInvitationToken(token) }, select: INVITATION_SELECT });
}

/**
 * What the public /invite/<token> page shows. Not scoped: the token itself is the credential
 * (256 random bits, looked up by its hash), and only this invitation's own fields are returned.
 */
export async function lookUpInvitation(token: string) {
  const prisma = await getPrisma();
  const invitation = await findByToken(prisma, token);
  if (!invitation) throw notFound();
  const problem = refusal(invitation, new Date());
  return {
    partnerName: invitation.partner.name,
    customerName: invitation.customer?.companyName ?? null,
    email: invitation.email,
    displayName: invitation.displayName,
    role: invitation.role,
    expiresAt: invitation.expiresAt,
    problem: problem ? { code: problem.code, message: problem.message } : null,
  };
}

/**
 * Accepts an invitation: creates the (active) user with the chosen name and password and marks the
 * invitation used, atomically and audited. A second use, a revoked or expired link, or a suspended
 * partner is refused with its own code. Not scoped, like lookUpInvitation: the token is the credential.
 */
export async function acceptInvitation(input: AcceptInvitationInput): Promise<{ userId: string; email: string }> {
  const prisma = await getPrisma();
  // Cheap checks first, so a bad link never costs a bcrypt hash; the transaction re-checks.
  const found = await findByToken(prisma, input.token);
  if (!found) throw notFound();
  const early = refusal(found, new Date());
  if (early) throw early;
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.$transaction(async (tx) => {
      const invitation = await findByToken(tx, input.token);
      if (!invitation) throw notFound();
      const now = new Date();
      const problem = refusal(invitation, now);
      if (problem) throw problem;
      // Claim the invitation first and conditionally: of two concurrent accepts, one claims it.
      const claimed = await tx.userInvitation.updateMany({
        where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { acceptedAt: now },
      });
      if (claimed.count === 0) throw refusal({ ...invitation, acceptedAt: now }, now) ?? notFound();
      const user = await tx.user.create({
        data: {
          email: invitation.email,
          displayName: input.displayName,
          passwordHash,
          role: invitation.role,
          partnerId: invitation.partnerId,
          customerId: invitation.customerId,
          active: true,
        },
        select: { id: true, email: true },
      });
      await tx.userInvitation.update({ where: { id: invitation.id }, data: { acceptedUserId: user.id }, select: { id: true } });
      await recordAuditEvent(
        tx,
        { userId: user.id },
        {
          action: "invitation.accept",
          targetType: "UserInvitation",
          targetId: invitation.id,
          partnerId: invitation.partnerId,
          after: { userId: user.id, email: user.email, displayName: input.displayName, role: invitation.role },
        },
      );
      return { userId: user.id, email: user.email };
    });
  } catch (error) {
    if (error instanceof PrismaRuntime.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new DomainError(
        USER_ERROR_CODES.EmailInUse,
        "A user with this email already exists. Sign in instead, or ask for an invitation with another email.",
        {
          status: 409,
        },
      );
    }
    throw error;
  }
}
