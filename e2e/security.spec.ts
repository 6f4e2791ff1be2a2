// The web surface against the running server (scripts/server.ts + proxy.ts): security headers,
// sign-in throttling that a forged X-Forwarded-For can't dodge, sign-out that ends a copied
// session, CSRF on the price import, and 4xx (not 500) for a JSON sign-in and a foreign server action.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO_OPERATOR_EMAIL, DEMO_PASSWORD } from "../prisma/seed/demo-data";
import { signIn, signOut } from "./support/sign-in";

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? "3100"}`;

async function credentialsAttempt(request: APIRequestContext, email: string, password: string, forwardedFor: string): Promise<string> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken, json: "true" },
    headers: { origin: BASE, "x-forwarded-for": forwardedFor, "x-real-ip": forwardedFor },
  });
  expect(response.status()).toBeLessThan(500);
  const { url } = (await response.json()) as { url: string };
  return new URL(url, BASE).searchParams.get("error") ?? "signed in";
}

test("pages and API responses carry the security headers, with a fresh script nonce per page", async ({ page, request }) => {
  const nonces = new Set<string>();
  for (const path of ["/sign-in", "/sign-in", "/api/health", "/api/auth/session"]) {
    const response = await request.get(path);
    const headers = response.headers();
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"]).toContain("camera=()");
    expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["strict-transport-security"]).toBeUndefined(); // served over http here
    const nonce = /'nonce-([^']+)'/.exec(headers["content-security-policy"])?.[1];
    expect(nonce).toBeTruthy();
    if (path === "/sign-in") {
      nonces.add(nonce ?? "");
      // Next's scripts carry this response's nonce.
      expect(await response.text()).toContain(`nonce="${nonce}"`);
    }
  }
  expect(nonces.size).toBe(2);

  // The page works under the policy: no violation reported while signing in and drawing charts.
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await signIn(page, "admin@adatum.example");
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(violations).toEqual([]);
});

test("rotating X-Forwarded-For from an untrusted client doesn't reset the sign-in throttle", async ({ request }) => {
  const email = `rotating-${Date.now()}@nowhere.example`;
  for (let attempt = 1; attempt <= 5; attempt++) {
    expect(await credentialsAttempt(request, email, "guess", `198.51.100.${attempt}`)).toBe("The email or password is incorrect.");
  }
  expect(await credentialsAttempt(request, email, "guess", "203.0.113.200")).toMatch(/^Too many failed sign-in attempts\. Try again in \d+ seconds?\.$/);
});

test("signing out ends the session everywhere: a copied cookie stops working", async ({ page, browser }) => {
  await signIn(page, "billing@adatum.example");
  const copied = await page.context().cookies();
  expect(copied.some((cookie) => cookie.name.includes("next-auth.session-token"))).toBe(true);

  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const stolen = await thief.newPage();
  await stolen.goto("/customers");
  await expect(stolen).toHaveURL(/\/customers$/);

  await signOut(page);
  await stolen.goto("/customers");
  await expect(stolen).toHaveURL(/\/sign-in/);
  await thief.close();
});

test("a cross-site POST of a price list with an operator's session is refused", async ({ page }) => {
  await signIn(page, DEMO_OPERATOR_EMAIL, DEMO_PASSWORD);
  const forged = await page.request.post("/api/price-list/import?effectiveFrom=2030-01-01", {
    headers: { origin: "https://evil.example", "content-type": "text/plain" },
    data: "ProductTitle\n",
  });
  expect(forged.status()).toBe(403);
  const missingOrigin = await page.request.post("/api/price-list/import?effectiveFrom=2030-01-01", {
    headers: { "content-type": "text/plain" },
    data: "ProductTitle\n",
  });
  expect(missingOrigin.status()).toBe(403);
});

test("a JSON sign-in and a server action from a foreign page get 4xx, not 500", async ({ request }) => {
  for (const body of ["{not json", "[]", "null", '"text"']) {
    const response = await request.post("/api/auth/callback/credentials", {
      headers: { origin: BASE, "content-type": "application/json" },
      data: body,
    });
    expect(response.status(), body).toBe(400);
  }
  // A JSON object goes on to next-auth, which refuses the bad CSRF token with a redirect.
  const wellFormed = await request.post("/api/auth/callback/credentials", {
    headers: { origin: BASE, "content-type": "application/json" },
    data: JSON.stringify({ email: "a@b.example", password: "x", csrfToken: "nope" }),
    maxRedirects: 0,
  });
  expect(wellFormed.status()).toBe(302);
  const action = await request.post("/customers", {
    headers: { origin: "https://evil.example", "next-action": "0000000000000000000000000000000000000000", "content-type": "text/plain;charset=UTF-8" },
    data: "[]",
  });
  expect(action.status()).toBe(403);
});
