// One-time invitation links ("sci_…" in /invite/<token>); see lib/secrets/opaque-secret-format.ts.
// Only the SHA-256 hash is stored: the link is shown once to the inviter, to copy.
import { opaqueSecretFormat } from "../secrets/opaque-secret-format";

const INVITATIONS = opaqueSecretFormat("sci_", 12);

export const generateInvitationToken = INVITATIONS.generate;
export const isWellFormedInvitationToken = INVITATIONS.isWellFormed;
export const hashInvitationToken = INVITATIONS.hash;

/** How long an invitation link stays valid. */
export const INVITATION_TTL_DAYS = 7;

export function invitationPath(token: string): string {
  return `/invite/${token}`;
}
