import "server-only";
// Request plumbing for the invoice API (GET /api/invoices, /api/invoices/<id>, …/pdf) and the frozen
// recon download: a request with an Authorization header is an API call and the token alone decides
// (a bad token is 401, never a fall back to the session); otherwise the session's scope. Errors are
// the portal API's JSON envelope. Kept out of the route files so tests call it.
import { resolveRequestScope } from "../api-tokens/resolve-request-scope";
import type { PartnerScope } from "../auth/partner-scope";
import { apiErrorResponse } from "../http/api-error-response";

export async function invoiceApiResponse(
  request: Request,
  sessionScope: () => Promise<PartnerScope>,
  handle: (scope: PartnerScope) => Promise<Response>,
): Promise<Response> {
  try {
    const scope = await resolveRequestScope(request, sessionScope);
    return await handle(scope);
  } catch (error) {
    return apiErrorResponse(error);
  }
}
