import "server-only";
// Request plumbing for the invoice API (GET /api/invoices, /api/invoices/<id>, …/pdf) and the frozen
// recon download: a request with an Authorization header is an API call and the token alone decides
// (a bad token is 401, never a fall back to the session); otherwise the session's scope. Errors are
// the portal API's JSON envelope. Kept out of the route files so tests call it.
import { authenticateApiToken } from "../api-tokens/resolve-api-token-scope";
import { COMMON_ERROR_CODES, DomainError } from "../errors";
import type { PartnerScope } from "../auth/partner-scope";
import { apiErrorResponse } from "../http/api-error-response";

export async function invoiceApiResponse(
  request: Request,
  sessionScope: () => Promise<PartnerScope>,
  handle: (scope: PartnerScope) => Promise<Response>,
): Promise<Response> {
  try {
    const header = request.headers.get("authorization");
    let scope: PartnerScope;
    if (header) {
      const tokenScope = await authenticateApiToken(header);
      if (!tokenScope) throw new DomainError(COMMON_ERROR_CODES.Unauthenticated, "The API token is missing, malformed, revoked or no longer valid.");
      scope = tokenScope;
    } else {
      scope = await sessionScope();
    }
    return await handle(scope);
  } catch (error) {
    return apiErrorResponse(error);
  }
}
