// A reseller (any role) never sees or changes the distributor's reconciliation of Microsoft's bill:
// not through the page's data, the navigation, the actions or the API (token or session); another
// billing partner sees only its own (nothing of the distributor's). Ids are never taken from callers.
import { createReadStream } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import type { Database } from "../lib/database/open-database";
import { navItemsFor } from "../components/shell/navigation";
import { importReconciliationFile } from "../lib/reconciliation/import-reconciliation-file";
import { getReconciliationPeriod } from "../lib/reconciliation/get-reconciliation-period";
import { listReconciliationLines } from "../lib/reconciliation/list-reconciliation-lines";
import { exportReconciliationDifferences } from "../lib/reconciliation/export-reconciliation-differences";
import { withTestDatabase } from "./support/with-test-world";
import { testSession } from "./support/mock-session";
import { makeApiToken } from "./support/registration-fixtures";
import { makeReconciliationWorld, type ReconciliationWorld } from "./support/reconciliation-fixtures";
import { makeUser } from "./support/factories";
import { resolvePartnerScope, type PartnerScope } from "../lib/auth/partner-scope";

vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());
const periodRoute = await import("../app/api/reconciliation/[period]/route");
const linesRoute = await import("../app/api/reconciliation/[period]/lines/route");
const differencesRoute = await import("../app/api/reconciliation/[period]/differences/route");
const { reviewReconciliationAction, setReconciliationToleranceAction } = await import("../lib/reconciliation/actions");

const ORIGIN = "http://portal.test";
let database: Database;
let world: ReconciliationWorld;
const tokens: Record<string, string> = {};
withTestDatabase(async (db) => {
  vi.stubEnv("NEXTAUTH_URL", ORIGIN);
  database = db;
  world = await makeReconciliationWorld(db.prisma, db.sql);
  const scope = await world.scope("distributorBilling");
  await importReconciliationFile(scope, {
    period: "2026-10",
    fileName: "recon.csv",
    source: createReadStream("tests/fixtures/reconciliation/daily-rated-2026-10.csv"),
  });
  // API tokens are minted by admin agents (lib/api-tokens).
  for (const who of ["distributorAdmin", "resellerAdmin"] as const) {
    const whose = await world.scope(who);
    tokens[who] = (await makeApiToken(db.prisma, { partnerId: whose.partnerId as string, createdByUserId: whose.userId })).token;
  }
});

const params = { params: Promise.resolve({ period: "2026-10" }) };
const call = (path: string, token: string, init: RequestInit = {}) =>
  new Request(`${ORIGIN}/api/reconciliation/2026-10${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });

describe("a reseller never sees the distributor's reconciliation", () => {
  it("the page's data and exports refuse every reseller role", async () => {
    for (const who of ["resellerAdmin", "resellerBilling"] as const) {
      const scope = await world.scope(who);
      await expect(getReconciliationPeriod(scope, "2026-10")).rejects.toMatchObject({ code: "NotBillingPartner", status: 403 });
      await expect(listReconciliationLines(scope, "2026-10", {})).rejects.toMatchObject({ code: "NotBillingPartner" });
      await expect(exportReconciliationDifferences(scope, "2026-10", {})).rejects.toMatchObject({ code: "NotBillingPartner" });
      await expect(
        importReconciliationFile(scope, {
          period: "2026-10",
          fileName: "x.csv",
          source: createReadStream("tests/fixtures/reconciliation/daily-rated-2026-10.csv"),
        }),
      ).rejects.toMatchObject({
        code: "NotBillingPartner",
      });
      expect(navItemsFor(scope).map((item) => item.label)).not.toContain("Reconciliation");
    }
    expect(navItemsFor(await world.scope("distributorBilling")).map((item) => item.label)).toContain("Reconciliation");
  });

  it("a distributor's sales agent has no billing permission; another billing partner sees only its own, empty, period", async () => {
    await expect(getReconciliationPeriod(await world.scope("distributorSales"), "2026-10")).rejects.toMatchObject({ code: "Forbidden" });
    const other = await getReconciliationPeriod(await world.scope("otherDirectBilling"), "2026-10");
    expect(other).toMatchObject({ status: "NOT_IMPORTED", current: null, imports: [] });
    expect((await listReconciliationLines(await world.scope("otherDirectBilling"), "2026-10", {})).rows).toEqual([]);
  });

  it("the actions refuse a reseller and change nothing", async () => {
    for (const who of ["resellerAdmin", "resellerBilling"] as const) {
      testSession.scope = await world.scope(who);
      expect(await reviewReconciliationAction({ period: "2026-10" })).toMatchObject({ ok: false, error: { code: "NotBillingPartner" } });
      expect(await setReconciliationToleranceAction({ period: "2026-10", tolerancePercent: "50" })).toMatchObject({
        ok: false,
        error: { code: "NotBillingPartner" },
      });
    }
    testSession.scope = null;
    const current = await database.prisma.reconciliationImport.findFirstOrThrow({
      where: { current: true },
      select: { reviewedAt: true, quantityTolerancePercent: true },
    });
    expect(current.reviewedAt).toBeNull();
    expect(current.quantityTolerancePercent.toString()).toBe("0");
  });

  it("the API answers a reseller's token 403 on every route, and the distributor's token its own data", async () => {
    {
      const token = tokens.resellerAdmin;
      for (const response of [
        await periodRoute.GET(call("", token), params),
        await linesRoute.GET(call("/lines", token), params),
        await differencesRoute.GET(call("/differences", token), params),
        await periodRoute.POST(call("?fileName=x.csv", token, { method: "POST", body: "PartnerId\n1\n" }), params),
      ]) {
        expect(response.status).toBe(403);
        expect(await response.json()).toMatchObject({ ok: false, error: { code: "NotBillingPartner" } });
      }
    }
    const own = await periodRoute.GET(call("", tokens.distributorAdmin), params);
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ ok: true, data: { status: "IMPORTED", totals: { keys: 9 } } });
    const bad = await periodRoute.GET(call("", "sc_not_a_token"), params);
    expect(bad.status).toBe(401);
  });

  it("a customer reader (of the distributor's own customer) reaches none of it: data, actions, session API, token", async () => {
    const user = await makeUser(database.prisma, { role: "CUSTOMER_READER", partnerId: world.distributorId, customerId: world.customerIds.alpine });
    const scope = (await resolvePartnerScope(database.prisma, { userId: user.id })) as PartnerScope;
    expect(scope.customerId).toBe(world.customerIds.alpine);
    await expect(getReconciliationPeriod(scope, "2026-10")).rejects.toMatchObject({ status: 403 });
    await expect(listReconciliationLines(scope, "2026-10", {})).rejects.toMatchObject({ status: 403 });
    await expect(exportReconciliationDifferences(scope, "2026-10", {})).rejects.toMatchObject({ status: 403 });
    testSession.scope = scope;
    expect(await reviewReconciliationAction({ period: "2026-10" })).toMatchObject({ ok: false, error: { code: "NotFound" } });
    for (const response of [
      await periodRoute.GET(new Request(`${ORIGIN}/api/reconciliation/2026-10`), params),
      await linesRoute.GET(new Request(`${ORIGIN}/api/reconciliation/2026-10/lines`), params),
      await differencesRoute.GET(new Request(`${ORIGIN}/api/reconciliation/2026-10/differences`), params),
    ]) {
      expect(response.status).toBe(404);
    }
    testSession.scope = null;
    const { token } = await makeApiToken(database.prisma, { partnerId: world.distributorId, createdByUserId: user.id });
    expect((await periodRoute.GET(call("", token), params)).status).toBe(401);
  });

  it("the upload over the API is idempotent and the session needs the portal's Origin", async () => {
    const body = await import("node:fs/promises").then((fs) => fs.readFile("tests/fixtures/reconciliation/daily-rated-2026-10.csv"));
    const again = await periodRoute.POST(call("?fileName=again.csv", tokens.distributorAdmin, { method: "POST", body }), params);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ ok: true, data: { alreadyImported: true } });
    testSession.scope = await world.scope("distributorBilling");
    const foreign = await periodRoute.POST(
      new Request(`${ORIGIN}/api/reconciliation/2026-10`, { method: "POST", headers: { origin: "https://evil.example" }, body }),
      params,
    );
    expect(foreign.status).toBe(403);
    testSession.scope = null;
  });
});
