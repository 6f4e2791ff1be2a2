// Property-based fuzzing of the reconciliation API (fast-check), as Next serves it (through the
// proxy): any period, query and body — a broken CSV, a Partner Center header over nasty cells,
// binary bytes — as the billing partner's token, a reseller's or none: never a 5xx, errors in the
// portal's JSON envelope. Bounded in time.
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { nastyBody, nastyText, queryString, urlComponent } from "./support/fuzz-inputs";
import { throughProxy, type Answer } from "./support/fuzz-harness";
import { makeApiToken } from "./support/registration-fixtures";
import { withTestDatabase } from "./support/with-test-world";
import { makeReconciliationWorld } from "./support/reconciliation-fixtures";
import { RECONCILIATION_CLASSES } from "../lib/reconciliation/reconciliation-classes";

vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());
const periodRoute = await import("../app/api/reconciliation/[period]/route");
const linesRoute = await import("../app/api/reconciliation/[period]/lines/route");
const differencesRoute = await import("../app/api/reconciliation/[period]/differences/route");

const ORIGIN = "http://stackcenter.test";
const HEADER =
  "PartnerId,CustomerId,SubscriptionId,UsageDate,MeterId,MeterRegion,ResourceURI,UnitPrice,Quantity,BillingPreTaxTotal,PricingPreTaxTotal,AdditionalInfo,EffectiveUnitPrice,EntitlementId";
const tokens: string[] = [""];
withTestDatabase(async (database) => {
  const world = await makeReconciliationWorld(database.prisma, database.sql);
  for (const who of ["distributorAdmin", "resellerAdmin"] as const) {
    const scope = await world.scope(who);
    tokens.push((await makeApiToken(database.prisma, { partnerId: scope.partnerId as string, createdByUserId: scope.userId })).token);
  }
});

function expectHealthy(answer: Answer): void {
  expect(answer.status, `${answer.method} ${answer.url} → ${answer.status} ${answer.text.slice(0, 300)}`).toBeLessThan(500);
  if (answer.status < 400 || answer.text === "") return;
  expect(answer.contentType, answer.url).toContain("application/json");
  expect(JSON.parse(answer.text)).toMatchObject({ ok: false, error: { code: expect.any(String), message: expect.any(String) } });
}

const cell = fc.oneof(
  nastyText,
  fc.constantFrom(
    "Azure Stack",
    "7bc19779-56bc-474d-8c88-36fbd79ae004",
    "2026-10-05",
    "1e400",
    "-1",
    "99999999999999999999999",
    '{"azureStack.EventDateTime":"x"}',
  ),
);
const csvBody = fc
  .array(fc.array(cell, { minLength: 0, maxLength: 16 }), { maxLength: 5 })
  .map((rows) => [HEADER, ...rows.map((row) => row.map((value) => `"${value.replace(/"/g, '""')}"`).join(","))].join("\r\n"));
const period = fc.oneof(fc.constant("2026-10"), urlComponent);
/** What Next hands the route as the period (the proxy has already refused malformed escapes). */
const paramsOf = (p: string) => ({ params: Promise.resolve().then(() => ({ period: decodeURIComponent(p) })) });
const options = { numRuns: 150, interruptAfterTimeLimit: 20_000, markInterruptAsFailure: false, endOnFailure: true };

describe("fuzzing the reconciliation API: no 5xx, documented error shapes", () => {
  it("POST /api/reconciliation/{period}: any body, query and caller", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...tokens),
        period,
        queryString(["fileName", "tolerance"], { tolerance: ["0", "5", "101", "-1", "1.23456"] }),
        fc.oneof(csvBody, nastyBody),
        async (token, p, query, body) => {
          const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : { origin: ORIGIN };
          const request = new Request(`${ORIGIN}/api/reconciliation/${p}${query}`, { method: "POST", headers, body });
          expectHealthy(await throughProxy(request, (r) => periodRoute.POST(r, paramsOf(p))));
        },
      ),
      options,
    );
  });

  it("GET the period, its lines and its differences: any query and caller", async () => {
    const filters = queryString(["class", "customer", "stamp", "differences", "page"], {
      class: RECONCILIATION_CLASSES,
      differences: ["1"],
      page: ["1", "0", "-1", "1e9"],
    });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...tokens), period, filters, async (token, p, query) => {
        const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
        for (const [path, handler] of [
          ["", periodRoute.GET],
          ["/lines", linesRoute.GET],
          ["/differences", differencesRoute.GET],
        ] as const) {
          expectHealthy(await throughProxy(new Request(`${ORIGIN}/api/reconciliation/${p}${path}${query}`, { headers }), (r) => handler(r, paramsOf(p))));
        }
      }),
      options,
    );
  });
});
