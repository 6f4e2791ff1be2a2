import "server-only";
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { assertManagesUsersOf } from "./managed-partner";
import { assertEmailFree, issueInvitation, type IssuedInvitation } from "./issue-invitation";
import type { InviteUserInput } from "./user-schemas";

/** Invites a person to one of the partners this scope manages; returns the one-time link. */
export async function inviteUser(scope: PartnerScope, input: InviteUserInput): Promise<IssuedInvitation> {
  assertManagesUsersOf(scope, input.partnerId);
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    await assertEmailFree(tx, input.email, { field: "email" });
    return issueInvitation(tx, scope, input);
  });
}
