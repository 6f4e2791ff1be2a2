import "server-only";
// Who is calling the reconciliation API: a request carrying an Authorization header is an API call
// and the token alone decides (a bad token is 401, never a fall back to the browser session);
// otherwise the session. The billing-partner check follows in each domain function.
import { authenticateApiToken } from "../api-tokens/resolve-api-token-scope";
import type { PartnerScope } from "../auth/partner-scope";
import { COMMON_ERROR_CODES, DomainError } from "../errors";

export async function resolveReconciliationCaller(request: Request, sessionScope: () => Promise<PartnerScope>): Promise<PartnerScope> {
  const header = request.headers.get("authorization");
  if (!header) return sessionScope();
  const scope = await authenticateApiToken(header);
  if (!scope) throw new DomainError(COMMON_ERROR_CODES.Unauthenticated, "The API token is missing, malformed, revoked or no longer valid.");
  return scope;
}
