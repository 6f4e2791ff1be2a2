import "server-only";
import { COMMON_ERROR_CODES, DomainError } from "../errors";
import { isAllowedOrigin } from "./is-allowed-origin";

/**
 * For cookie-authenticated route handlers that change state: a session cookie rides along with any
 * cross-site form or fetch (SameSite=Lax still sends it on top-level POST navigations in some
 * browsers and always on same-site subdomains), so the Origin decides. Bearer-token calls don't
 * need it: a cross-site page can't make a browser attach one.
 */
export function assertSameOrigin(request: Request): void {
  if (!isAllowedOrigin(request.headers, request.url)) {
    throw new DomainError(COMMON_ERROR_CODES.Forbidden, "This request didn't come from a Stackcenter page. Reload the page and try again.");
  }
}
