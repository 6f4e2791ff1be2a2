"use server";
// Server actions for user management (Settings → Users, and a reseller's page for its distributor)
// and for accepting an invitation (the public /invite/<token> page). Partner and user ids from the
// client are looked up within the caller's manageable partners only.
import { revalidatePath } from "next/cache";
import { runAction, toActionError, zodFieldErrors } from "../actions/run-action";
import { fail, ok, type ActionResult } from "../actions/action-result";
import { COMMON_ERROR_CODES } from "../errors";
import {
  acceptInvitationSchema,
  changeUserRoleSchema,
  invitationIdSchema,
  inviteCustomerReaderSchema,
  inviteUserSchema,
  setUserActiveSchema,
  type PartnerRole,
} from "./user-schemas";
import { inviteCustomerReader } from "./invite-customer-reader";
import { inviteUser } from "./invite-user";
import type { IssuedInvitation } from "./issue-invitation";
import { reissueInvitation } from "./reissue-invitation";
import { revokeInvitation } from "./revoke-invitation";
import { changeUserRole } from "./change-user-role";
import { setUserActive } from "./set-user-active";
import { acceptInvitation } from "./accept-invitation";

function refreshUserPages() {
  revalidatePath("/settings/users");
  revalidatePath("/partners", "layout");
}

/** Returns the one-time invitation link: the only time it is ever shown. */
export async function inviteUserAction(input: unknown): Promise<ActionResult<IssuedInvitation>> {
  return runAction("users:manage", inviteUserSchema, input, async (scope, data) => {
    const invitation = await inviteUser(scope, data);
    refreshUserPages();
    return invitation;
  });
}

/** Invites a user of one of the caller's customers (a customer reader); returns the one-time link. */
export async function inviteCustomerReaderAction(input: unknown): Promise<ActionResult<IssuedInvitation>> {
  return runAction("users:manage", inviteCustomerReaderSchema, input, async (scope, data) => {
    const invitation = await inviteCustomerReader(scope, data);
    refreshUserPages();
    return invitation;
  });
}

/** Revokes the old link and returns a new one (shown once). */
export async function reissueInvitationAction(input: unknown): Promise<ActionResult<IssuedInvitation>> {
  return runAction("users:manage", invitationIdSchema, input, async (scope, data) => {
    const invitation = await reissueInvitation(scope, data.invitationId);
    refreshUserPages();
    return invitation;
  });
}

export async function revokeInvitationAction(input: unknown): Promise<ActionResult<{ id: string; revokedAt: Date }>> {
  return runAction("users:manage", invitationIdSchema, input, async (scope, data) => {
    const revoked = await revokeInvitation(scope, data.invitationId);
    refreshUserPages();
    return revoked;
  });
}

export async function changeUserRoleAction(input: unknown): Promise<ActionResult<{ id: string; role: PartnerRole }>> {
  return runAction("users:manage", changeUserRoleSchema, input, async (scope, data) => {
    const changed = await changeUserRole(scope, data.userId, data.role);
    refreshUserPages();
    return changed;
  });
}

export async function deactivateUserAction(input: unknown): Promise<ActionResult<{ id: string; active: boolean }>> {
  return runAction("users:manage", setUserActiveSchema, input, async (scope, data) => {
    const changed = await setUserActive(scope, data.userId, false);
    refreshUserPages();
    return changed;
  });
}

export async function reactivateUserAction(input: unknown): Promise<ActionResult<{ id: string; active: boolean }>> {
  return runAction("users:manage", setUserActiveSchema, input, async (scope, data) => {
    const changed = await setUserActive(scope, data.userId, true);
    refreshUserPages();
    return changed;
  });
}

/**
 * Public (no session: the invitee has no account yet). The token in the input is the credential;
 * the client signs in with the new email and password once this succeeds.
 */
export async function acceptInvitationAction(input: unknown): Promise<ActionResult<{ email: string }>> {
  try {
    const parsed = acceptInvitationSchema.safeParse(input);
    if (!parsed.success) {
      return fail({ code: COMMON_ERROR_CODES.ValidationFailed, message: "Some fields need attention.", fields: zodFieldErrors(parsed.error) });
    }
    const accepted = await acceptInvitation(parsed.data);
    return ok({ email: accepted.email });
  } catch (error) {
    return toActionError(error);
  }
}
