import "server-only";
import { notFound } from "../errors";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";

/**
 * The partners whose users this scope manages: its own, plus (for a distributor) its resellers.
 * A reseller manages only itself; it never reaches a sibling reseller or its distributor.
 */
export function managedUserPartnerIds(scope: PartnerScope): string[] {
  assertScopeCan(scope, "users:manage");
  return scope.manageablePartnerIds;
}

/** Throws NotFound (not Forbidden: foreign ids leak nothing) unless the scope manages this partner's users. */
export function assertManagesUsersOf(scope: PartnerScope, partnerId: string): void {
  if (!managedUserPartnerIds(scope).includes(partnerId)) throw notFound("Partner");
}
