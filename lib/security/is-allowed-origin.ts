// Pure (no "server-only"): proxy.ts runs it before Next routes the request, outside React's server
// bundle, and the route handlers run it again themselves.

/**
 * Whether a state-changing request comes from the portal's own pages: its Origin must be the public
 * origin (NEXTAUTH_URL) or, when that isn't configured, the origin the request was sent to. A
 * missing Origin fails too: browsers send one with every POST/PUT/PATCH/DELETE, so only a
 * non-browser client omits it, and those authenticate with a Bearer token instead of a cookie.
 */
export function isAllowedOrigin(headers: Headers, requestUrl: string, configuredOrigin: string | undefined = process.env.NEXTAUTH_URL): boolean {
  const origin = headers.get("origin");
  if (!origin || origin === "null") return false;
  let expected: string;
  try {
    if (configuredOrigin) {
      expected = new URL(configuredOrigin).origin;
    } else {
      const url = new URL(requestUrl);
      const host = headers.get("host");
      expected = host ? `${url.protocol}//${host}` : url.origin;
      expected = new URL(expected).origin;
    }
    return new URL(origin).origin === expected;
  } catch {
    return false;
  }
}
