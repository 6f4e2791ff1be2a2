// Runs before every page and API route (not the hashed static files): the security headers with a
// fresh CSP nonce per request (Next reads it from the request's Content-Security-Policy header and
// puts it on its own scripts), and the Origin check of state-changing requests (CSRF).
import { NextResponse, type NextRequest } from "next/server";
import { buildSecurityHeaders } from "./lib/security/build-security-headers";
import { isAllowedOrigin } from "./lib/security/is-allowed-origin";
import { findMalformedUrl, malformedUrlResponse } from "./lib/http/find-malformed-url";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// API routes that never look at the session cookie (ARM: API tokens; usage: ingestion keys): no
// CSRF to stop, and their clients must get the routes' own answers (e.g. ARM's 401) unchanged.
const TOKEN_ONLY_PREFIXES = ["/api/arm/", "/api/usage/"];

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/**
 * A state-changing request the portal must refuse for its Origin, or null:
 * - a server action from a foreign page (Next refuses it too, but as a 500);
 * - a cookie-authenticated API call (no Bearer token) without the portal's own Origin. The route
 *   handlers check it again (assertSameOrigin): this catches routes added later without it.
 */
function refusedForOrigin(request: NextRequest): NextResponse | null {
  if (SAFE_METHODS.has(request.method)) return null;
  const isServerAction = request.headers.has("next-action");
  const isApi = request.nextUrl.pathname.startsWith("/api/");
  if (isServerAction) {
    // Next allows a server action without Origin (old browsers); only a foreign one is refused here.
    if (!request.headers.has("origin") || isAllowedOrigin(request.headers, request.url)) return null;
    return new NextResponse("This request didn't come from a Stackcenter page.", { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  const lowerPath = request.nextUrl.pathname.toLowerCase();
  if (!isApi || TOKEN_ONLY_PREFIXES.some((prefix) => lowerPath.startsWith(prefix))) return null;
  if (/^Bearer\s/i.test(request.headers.get("authorization") ?? "")) return null;
  if (isAllowedOrigin(request.headers, request.url)) return null;
  return NextResponse.json(
    { ok: false, error: { code: "Forbidden", message: "This request didn't come from a Stackcenter page. Reload the page and try again." } },
    { status: 403 },
  );
}

export function proxy(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
  const headers = buildSecurityHeaders({
    nonce,
    dev: process.env.NODE_ENV === "development",
    https: (process.env.NEXTAUTH_URL ?? "").startsWith("https://"),
  });

  // A URL Next would answer with a 500 (malformed percent-encoding) or that carries text no query
  // can use (NUL, unpaired surrogates) is refused here, before any route, in the route's API shape.
  const url = new URL(request.url);
  const malformed = findMalformedUrl(url);
  if (malformed) {
    const answer = malformedUrlResponse(url, malformed);
    return withHeaders(new NextResponse(answer.body, { status: answer.status, headers: answer.headers }), headers);
  }

  const refused = refusedForOrigin(request);
  if (refused) return withHeaders(refused, headers);

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", headers["Content-Security-Policy"]);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), headers);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
