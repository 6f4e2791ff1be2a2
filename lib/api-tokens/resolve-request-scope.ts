import "server-only";
// Who is calling a portal API that takes both: a request carrying an Authorization header is an
// API call and the token alone decides (a bad token is 401, never a fall back to the browser
// session); otherwise the session's scope. Each domain function checks permissions after it.
import type { PartnerScope } from "../auth/partner-scope";
import { COMMON_ERROR_CODES, DomainError } from "../errors";
import { authenticateApiToken } from "./resolve-api-token-scope";

export async function resolveRequestScope(request: Request, sessionScope: () => Promise<PartnerScope>): Promise<PartnerScope> {
  const header = request.headers.get("authorization");
  if (!header) return sessionScope();
  const scope = await authenticateApiToken(header);
  if (!scope) throw new DomainError(COMMON_ERROR_CODES.Unauthenticated, "The API token is missing, malformed, revoked or no longer valid.");
  return scope;
}
