import "server-only";
import { addDays } from "date-fns";
import type { Prisma } from "../../generated/prisma/client";
import type { PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { DomainError } from "../errors";
import { USER_ERROR_CODES } from "./user-error-codes";
import { generateInvitationToken, hashInvitationToken, INVITATION_TTL_DAYS, invitationPath } from "./invitation-format";
import type { InvitableRole } from "./user-schemas";

export interface IssuedInvitation {
  id: string;
  partnerId: string;
  email: string;
  displayName: string;
  role: InvitableRole;
  /** The customer a customer reader's invitation is for; null for partner roles. */
  customerId: string | null;
  expiresAt: Date;
  /** The one-time link's path. Returned once: the database keeps only the token's SHA-256 hash. */
  invitePath: string;
}

/** Where an invitation can be used: not accepted, not revoked, not expired. */
export function pendingInvitationWhere(now = new Date()): Prisma.UserInvitationWhereInput {
  return { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } };
}

/**
 * Refuses an email that already belongs to a user, or to someone else's pending invitation
 * (emails are unique across the platform: they are the sign-in name).
 */
export async function assertEmailFree(tx: Prisma.TransactionClient, email: string, options: { field: string; exceptInvitationId?: string }): Promise<void> {
  const user = await tx.user.findUnique({ where: { email }, select: { id: true } });
  if (user) {
    throw new DomainError(USER_ERROR_CODES.EmailInUse, "That email already belongs to a Stackcenter user.", {
      status: 409,
      fields: { [options.field]: "This email already belongs to a user. Each person signs in with one email." },
    });
  }
  const invitation = await tx.userInvitation.findFirst({
    where: { email, ...pendingInvitationWhere(), ...(options.exceptInvitationId ? { id: { not: options.exceptInvitationId } } : {}) },
    select: { id: true },
  });
  if (invitation) {
    throw new DomainError(USER_ERROR_CODES.EmailInUse, "That email already has a pending invitation.", {
      status: 409,
      fields: { [options.field]: "This email already has a pending invitation: re-issue or revoke it instead." },
    });
  }
}

/**
 * Creates a one-time invitation inside the caller's transaction and audits it. The caller has
 * already checked the scope may manage partnerId and that the email is free.
 */
export async function issueInvitation(
  tx: Prisma.TransactionClient,
  scope: PartnerScope,
  input: { partnerId: string; email: string; displayName: string; role: InvitableRole; customerId?: string | null },
  audit: { action: string; replacesInvitationId?: string } = { action: "invitation.create" },
): Promise<IssuedInvitation> {
  const token = generateInvitationToken();
  const row = await tx.userInvitation.create({
    data: {
      partnerId: input.partnerId,
      email: input.email,
      displayName: input.displayName,
      role: input.role,
      customerId: input.role === "CUSTOMER_READER" ? (input.customerId ?? null) : null,
      tokenHash: hashInvitationToken(token),
      createdByUserId: scope.userId,
      expiresAt: addDays(new Date(), INVITATION_TTL_DAYS),
    },
    select: { id: true, partnerId: true, email: true, displayName: true, role: true, customerId: true, expiresAt: true },
  });
  // Never the token or its hash in the audit log.
  await recordAuditEvent(tx, scope, {
    action: audit.action,
    targetType: "UserInvitation",
    targetId: row.id,
    partnerId: row.partnerId,
    after: {
      email: row.email,
      displayName: row.displayName,
      role: row.role,
      ...(row.customerId ? { customerId: row.customerId } : {}),
      expiresAt: row.expiresAt.toISOString(),
      ...(audit.replacesInvitationId ? { replacesInvitationId: audit.replacesInvitationId } : {}),
    },
  });
  return { ...row, role: row.role as InvitableRole, invitePath: invitationPath(token) };
}
