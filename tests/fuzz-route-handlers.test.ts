// Property-based fuzzing of every route handler (fast-check), as Next serves them: the URL goes
// through the proxy's malformed-URL check first, then to the handler. Properties, for any input:
// no 5xx, a body that arrives whole (a broken stream makes reading it throw), and errors in the
// route's documented shape (ARM's, the usage API's, or the portal's JSON envelope). Bounded in
// time per route; a shrunk counterexample becomes a case in fuzz-regressions.test.ts.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "./support/test-database";
import { makeArmWorld, type ArmWorld } from "./support/arm-world";
import { makeRegistration, refOf } from "./support/registration-fixtures";
import { makeUsageRegistration, usageRecord } from "./support/usage-fixtures";
import { testSession } from "./support/mock-session";
import { idLike, nastyBody, nastyJson, nastyText, queryString, urlComponent } from "./support/fuzz-inputs";
import { throughProxy, type Answer } from "./support/fuzz-harness";
import { setDatabaseForTests } from "../lib/db";
import type { Database } from "../lib/database/open-database";
import type { Registration } from "../generated/prisma/client";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());

const arm = await import("../app/api/arm/[...path]/route");
const ingest = await import("../app/api/usage/ingest/route");
const localSubscriptions = await import("../app/api/usage/local-subscriptions/route");
const recon = await import("../app/api/billing/recon/route");
const statements = await import("../app/api/statements/[customerId]/route");
const audit = await import("../app/api/audit/export/route");
const priceExport = await import("../app/api/price-list/export/route");
const priceImport = await import("../app/api/price-list/import/route");
const { createIngestionKey } = await import("../lib/usage/ingestion-keys/manage-ingestion-keys");

const ORIGIN = "http://stackcenter.test";
/** Each route's share of the time budget (the issue's bound: ≤ 3 minutes per database in all). */
const BUDGET_MS = 12_000;
const RUNS = 400;

let database: Database;
let world: ArmWorld;
let registration: Registration;
let ingestionKey: string;

beforeAll(async () => {
  // As npm start configures it: activation keys are signed with a key derived from it.
  process.env.NEXTAUTH_SECRET ??= "fuzz-route-handlers-secret";
  database = await createTestDatabase();
  setDatabaseForTests(database);
  world = await makeArmWorld(database.prisma);
  registration = await makeRegistration(database.prisma, { partnerId: world.partners.direct.id, subscriptionId: world.apss.direct.id });
  const usage = await makeUsageRegistration(database.prisma, world);
  ingestionKey = (await createIngestionKey(await world.scope("direct", "ADMIN_AGENT"), { registrationId: usage.registration.id, name: "fuzz" })).key;
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterAll(() => database.close());

const options = { numRuns: RUNS, interruptAfterTimeLimit: BUDGET_MS, markInterruptAsFailure: false, endOnFailure: true };

function expectHealthy(answer: Answer, shape: "arm" | "usage" | "portal"): void {
  expect(answer.status, `${answer.method} ${answer.url} → ${answer.status} ${answer.text.slice(0, 300)}`).toBeLessThan(500);
  if (answer.status < 400 || answer.method === "HEAD" || answer.text === "") return;
  expect(answer.contentType, answer.url).toContain("application/json");
  const body = JSON.parse(answer.text) as { ok?: boolean; error?: { code?: unknown; message?: unknown } };
  expect(typeof body.error?.code, answer.text).toBe("string");
  expect(typeof body.error?.message, answer.text).toBe("string");
  if (shape === "portal") expect(body.ok).toBe(false);
}

const METHODS = ["GET", "PUT", "PATCH", "DELETE", "POST", "HEAD", "OPTIONS"] as const;

describe("fuzzing the route handlers: no 5xx, whole bodies, documented error shapes", () => {
  it("/api/arm: any method, path, query and body", async () => {
    const ref = refOf(registration);
    const segment = fc.oneof(
      urlComponent,
      fc.constantFrom(
        "subscriptions",
        "resourceGroups",
        "providers",
        "Microsoft.AzureStack",
        "registrations",
        "customerSubscriptions",
        "products",
        "getactivationkey",
      ),
    );
    const path = fc.oneof(
      fc.array(segment, { maxLength: 12 }).map((parts) => parts.join("/")),
      fc
        .record({
          sub: fc.oneof(fc.constant(ref.subscriptionId), urlComponent),
          rg: fc.oneof(fc.constant(ref.resourceGroup), urlComponent),
          name: fc.oneof(fc.constant(ref.name), urlComponent),
          child: fc.oneof(
            fc.constant(""),
            urlComponent.map((id) => `/customerSubscriptions/${id}`),
            fc.constant("/customerSubscriptions"),
            fc.constant("/getactivationkey"),
          ),
        })
        .map(({ sub, rg, name, child }) => `subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.AzureStack/registrations/${name}${child}`),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...METHODS),
        path,
        queryString(["api-version", "$top", "$skipToken"]),
        nastyBody,
        fc.boolean(),
        async (method, route, query, body, valid) => {
          const q = valid ? `${query ? `${query}&` : "?"}api-version=2017-06-01` : query;
          const request = new Request(`${ORIGIN}/api/arm/${route}${q}`, {
            method,
            headers: { authorization: `Bearer ${world.tokens.direct}`, "content-type": "application/json" },
            body: method === "GET" || method === "HEAD" ? undefined : body,
          });
          expectHealthy(await throughProxy(request, arm[method]), "arm");
        },
      ),
      options,
    );
  });

  it("/api/usage/ingest and /api/usage/local-subscriptions: any body", async () => {
    const record = fc.record({
      start: fc.constantFrom("2026-11-19T01:00:00Z", "2026-11-19T01:30:00Z", "9999-01-01T00:00:00Z"),
      subscriptionId: nastyText,
      resourceUri: nastyText,
      quantity: fc.oneof(nastyText, fc.double()),
    });
    const records = fc.array(
      fc.oneof(
        record.map((r) => usageRecord(r)),
        fc.tuple(record, fc.constantFrom("subscriptionId", "meterId", "quantity", "instanceData", "usageStartTime"), nastyJson).map(([r, key, value]) => {
          const base = usageRecord(r);
          return { ...base, properties: { ...base.properties, [key]: value } };
        }),
      ),
      { maxLength: 5 },
    );
    const body = fc.oneof(
      records.map((value) => JSON.stringify({ value })),
      records.map((value) => JSON.stringify(value)),
      nastyBody,
    );
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.constantFrom("", "gzip", "deflate", "br", "identity, gzip"),
        fc.tuple(nastyText, nastyText, nastyJson),
        async (text, encoding, [subscriptionId, displayName, tenantId]) => {
          const headers: Record<string, string> = { authorization: `Bearer ${ingestionKey}`, "content-type": "application/json" };
          if (encoding) headers["content-encoding"] = encoding;
          expectHealthy(await throughProxy(new Request(`${ORIGIN}/api/usage/ingest`, { method: "POST", headers, body: text }), ingest.POST), "usage");
          const subscriptions = JSON.stringify({ value: [{ subscriptionId, tenantId, isProviderSubscription: text.length % 2 === 0, displayName }] });
          for (const payload of [text, subscriptions]) {
            const request = new Request(`${ORIGIN}/api/usage/local-subscriptions`, {
              method: "PUT",
              headers: { authorization: `Bearer ${ingestionKey}`, "content-type": "application/json" },
              body: payload,
            });
            expectHealthy(await throughProxy(request, localSubscriptions.PUT), "usage");
          }
        },
      ),
      { ...options, numRuns: 200 },
    );
  });

  it("/api/billing/recon, /api/statements, /api/audit/export, /api/price-list/export: any query, any caller", async () => {
    const caller = fc.constantFrom("token", "distributor", "resellerA", "operator", "billing");
    await fc.assert(
      fc.asyncProperty(
        caller,
        queryString(["period", "customerId", "resellerId", "registration", "from", "to", "format"], {
          period: ["2026-11", "2026-12", "2025-02"],
          customerId: [world.customers.direct.customer.id, world.customers.resellerA.customer.id],
          resellerId: [world.partners.resellerA.id],
          registration: [registration.id],
          from: ["2026-11-01", "2026-11-31"],
          to: ["2026-11-30"],
          format: ["modern", "legacy"],
        }),
        queryString(["actor", "action", "target", "from", "to", "page"], {
          from: ["2026-01-01"],
          to: ["2026-12-31"],
          page: ["1", "2", "99999"],
          action: ["customer.move", "registration.create"],
        }),
        queryString(["region", "category", "market", "q", "sort", "dir", "page", "date"], {
          region: ["Azure Stack", "all"],
          market: ["US", "DE"],
          page: ["1", "50"],
          date: ["2026-11-15"],
          dir: ["asc", "desc"],
        }),
        fc.tuple(
          fc.oneof(
            fc.constantFrom(world.customers.direct.customer.id, world.customers.resellerA.customer.id),
            idLike.map((id) => encodeURIComponentSafely(id)),
          ),
          queryString(["period"], { period: ["2026-11", "2026-12"] }),
        ),
        async (who, reconQuery, auditQuery, priceQuery, [customerId, statementQuery]) => {
          testSession.scope =
            who === "operator"
              ? await world.operatorScope()
              : await world.scope(who === "billing" ? "distributor" : who === "token" ? "direct" : who, who === "billing" ? "BILLING_ADMIN" : "ADMIN_AGENT");
          const headers: Record<string, string> = who === "token" ? { authorization: `Bearer ${world.tokens.direct}` } : {};
          // Half the time with a valid period first, so the filters after it reach the queries.
          const recon2 = reconQuery.length % 2 === 0 ? `?period=2026-11&${reconQuery.slice(1)}` : reconQuery;
          expectHealthy(await throughProxy(new Request(`${ORIGIN}/api/billing/recon${recon2}`, { headers }), recon.GET), "portal");
          expectHealthy(await throughProxy(new Request(`${ORIGIN}/api/audit/export${auditQuery}`), audit.GET), "portal");
          expectHealthy(await throughProxy(new Request(`${ORIGIN}/api/price-list/export${priceQuery}`), priceExport.GET), "portal");
          const statementUrl = `${ORIGIN}/api/statements/${customerId}${statementQuery}`;
          const statementHandler = (request: Request) => statements.GET(request, { params: Promise.resolve({ customerId: safeDecode(customerId) }) });
          expectHealthy(await throughProxy(new Request(statementUrl), statementHandler), "portal");
        },
      ),
      { ...options, numRuns: 150 },
    );
  });

  it("/api/price-list/import: any query and CSV body, as an operator", async () => {
    testSession.scope = await world.operatorScope();
    const csvLine = fc
      .array(fc.oneof(nastyText, fc.constantFrom("USD", "US", "Azure Stack", "1.5", "-2", "2026-01-01", "1/3/2026 12:00:00 AM")), {
        minLength: 1,
        maxLength: 8,
      })
      .map((cells) => cells.map((cell) => `"${cell.replaceAll('"', '""')}"`).join(","));
    const csv = fc
      .tuple(
        fc.constantFrom(
          "",
          "MeterId,MeterName,MeterCategory,MeterSubCategory,Unit,MeterRegion,Market,Currency,UnitPrice,PricingTierRangeMin\n",
          "\uFEFFProductTitle,ProductId,SkuId\n",
        ),
        fc.array(csvLine, { maxLength: 5 }),
      )
      .map(([header, lines]) => header + lines.join("\n"));
    await fc.assert(
      fc.asyncProperty(
        queryString(["effectiveFrom", "fileName"], { effectiveFrom: ["2026-12-01", "2030-01-01"], fileName: ["prices.csv"] }),
        csv,
        fc.boolean(),
        async (query, body, streamed) => {
          const request = new Request(`${ORIGIN}/api/price-list/import${query}`, {
            method: "POST",
            headers: { "content-type": "text/csv", origin: ORIGIN, ...(streamed ? { accept: "application/x-ndjson" } : {}) },
            body,
          });
          const answer = await throughProxy(request, priceImport.POST);
          expect(answer.status, answer.text.slice(0, 300)).toBeLessThan(500);
          if (streamed && answer.status === 200) for (const line of answer.text.trim().split("\n")) expect(() => JSON.parse(line)).not.toThrow();
        },
      ),
      { ...options, numRuns: 150 },
    );
  });
});

function encodeURIComponentSafely(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return "%ED%A0%80";
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
