// Typed error codes of user management and invitations (shown to people with their message).
export const USER_ERROR_CODES = {
  /** The email belongs to a user already, or to a pending invitation. */
  EmailInUse: "EmailInUse",
  /** The change would leave the partner without an active admin agent. */
  LastAdmin: "LastAdmin",
  /** People can't change their own role or deactivate themselves. */
  OwnAccount: "OwnAccount",
  InvitationNotFound: "InvitationNotFound",
  InvitationUsed: "InvitationUsed",
  InvitationExpired: "InvitationExpired",
  InvitationRevoked: "InvitationRevoked",
  PartnerSuspended: "PartnerSuspended",
  WeakPassword: "WeakPassword",
  /** A customer reader's role is fixed: it reads one customer; invite a partner user instead. */
  CustomerReaderRoleFixed: "CustomerReaderRoleFixed",
} as const;

export type UserErrorCode = (typeof USER_ERROR_CODES)[keyof typeof USER_ERROR_CODES];
