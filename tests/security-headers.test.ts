// proxy.ts: the security headers of every page and API response, and the Origin checks it makes
// before Next routes a state-changing request.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { proxy, config } from "../proxy";

const ORIGIN = "http://portal.test";

function run(path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  return proxy(new NextRequest(`${ORIGIN}${path}`, { method: init.method ?? "GET", headers: { host: "portal.test", ...init.headers } }));
}

beforeEach(() => {
  vi.stubEnv("NEXTAUTH_URL", ORIGIN);
});
afterEach(() => vi.unstubAllEnvs());

describe("security headers", () => {
  for (const path of ["/dashboard", "/sign-in", "/api/health", "/api/arm/subscriptions/x"]) {
    it(`${path} gets every header`, () => {
      const headers = run(path).headers;
      expect(headers.get("x-frame-options")).toBe("DENY");
      expect(headers.get("x-content-type-options")).toBe("nosniff");
      expect(headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(headers.get("permissions-policy")).toContain("camera=()");
      expect(headers.get("cross-origin-opener-policy")).toBe("same-origin");
      const csp = headers.get("content-security-policy") ?? "";
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'(;|$)/);
      expect(csp).not.toContain("unsafe-eval");
      expect(headers.get("strict-transport-security")).toBeNull();
    });
  }

  it("a fresh nonce per request, handed to Next in the request headers", () => {
    const nonceOf = (response: Response) => /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
    const first = run("/dashboard");
    const second = run("/dashboard");
    expect(nonceOf(first)).toBeTruthy();
    expect(nonceOf(first)).not.toBe(nonceOf(second));
    // NextResponse.next({ request: { headers } }) passes request headers as x-middleware-request-*.
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonceOf(first));
    expect(first.headers.get("x-middleware-request-content-security-policy")).toContain(`'nonce-${nonceOf(first)}'`);
  });

  it("HSTS and upgrade-insecure-requests only when the public origin is https", () => {
    vi.stubEnv("NEXTAUTH_URL", "https://portal.test");
    const headers = run("/dashboard").headers;
    expect(headers.get("strict-transport-security")).toMatch(/^max-age=\d{7,}/);
    expect(headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });

  it("covers everything but Next's hashed static files", () => {
    const matcher = new RegExp(`^${config.matcher[0]}$`);
    for (const path of ["/", "/dashboard", "/api/health", "/api/auth/session", "/sign-in"]) expect(matcher.test(path)).toBe(true);
    for (const path of ["/_next/static/chunks/app.js", "/_next/image", "/favicon.ico"]) expect(matcher.test(path)).toBe(false);
  });
});

describe("Origin checks in the proxy", () => {
  it("refuses a cookie-authenticated API change from a foreign page or without Origin, as 403 with the headers", async () => {
    for (const headers of [
      { origin: "https://evil.example" },
      {} as Record<string, string>,
      { origin: "null" },
      { origin: "http://portal.test.evil.example" },
    ]) {
      const response = run("/api/price-list/import?effectiveFrom=2026-07-01", { method: "POST", headers: { ...headers, "content-type": "text/plain" } });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: "Forbidden" } });
      expect(response.headers.get("x-frame-options")).toBe("DENY");
    }
    expect(run("/api/price-list/import", { method: "POST", headers: { origin: ORIGIN } }).status).toBe(200);
    // Reads aren't checked.
    expect(run("/api/audit/export", { headers: { origin: "https://evil.example" } }).status).toBe(200);
  });

  it("lets Bearer-token calls through whatever their Origin (tokens can't ride along cross-site)", () => {
    const headers = { authorization: "Bearer scik_abc", origin: "https://elsewhere.example" };
    expect(run("/api/usage/ingest", { method: "POST", headers }).status).toBe(200);
    expect(run("/api/usage/local-subscriptions", { method: "PUT", headers: { authorization: "Bearer x" } }).status).toBe(200);
  });

  it("leaves token-only APIs to answer for themselves, even without a token (ARM's own 401)", () => {
    expect(run("/api/arm/subscriptions/x/resourceGroups/y/providers/Microsoft.AzureStack/registrations/z", { method: "PUT" }).status).toBe(200);
    expect(run("/api/usage/ingest", { method: "POST", headers: { origin: "https://evil.example" } }).status).toBe(200);
  });

  it("answers a server action from a foreign page with 403 (Next itself would answer 500)", () => {
    const action = { "next-action": "7f00aa", "content-type": "text/plain;charset=UTF-8" };
    expect(run("/customers", { method: "POST", headers: { ...action, origin: "https://evil.example" } }).status).toBe(403);
    expect(run("/customers", { method: "POST", headers: { ...action, origin: ORIGIN } }).status).toBe(200);
  });

  it("without NEXTAUTH_URL the request's own host is the origin", () => {
    vi.stubEnv("NEXTAUTH_URL", "");
    expect(run("/api/price-list/import", { method: "POST", headers: { origin: ORIGIN } }).status).toBe(200);
    expect(run("/api/price-list/import", { method: "POST", headers: { origin: "http://other.test" } }).status).toBe(403);
  });
});
