// Domain functions called without the action wrapper (e.g. two users acting at the same moment,
// which one mocked session can't express).
import type { PartnerScope } from "../../lib/auth/partner-scope";
import { setUserActive } from "../../lib/users/set-user-active";

export function deactivateUser(scope: PartnerScope, userId: string) {
  return setUserActive(scope, userId, false);
}
