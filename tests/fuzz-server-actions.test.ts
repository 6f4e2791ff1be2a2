// Property-based fuzzing of every server action (discovered like the audit-coverage suite): for
// any input — nasty text, ids of every shape, edge numbers, nesting — an action answers its one
// result shape ({ok:true,data} or {ok:false,error:{code,message}}) and never an internal error,
// whoever calls it (an admin, a reseller, a sales agent, an operator). Bounded in time.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "./support/test-database";
import { makeWorld, type World } from "./support/world";
import { testSession } from "./support/mock-session";
import { discoverActions, type ServerAction } from "./support/discover-actions";
import { idLike, nastyJson, nastyText } from "./support/fuzz-inputs";
import { setDatabaseForTests } from "../lib/db";
import type { Database } from "../lib/database/open-database";

const cookieJar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name) } : undefined),
    set: (name: string, value: string) => cookieJar.set(name, value),
    delete: (name: string) => cookieJar.delete(name),
  }),
  headers: async () => new Headers(),
}));
vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());

let database: Database;
let world: World;
let actions: Map<string, ServerAction>;

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabaseForTests(database);
  world = await makeWorld(database.prisma);
  actions = await discoverActions();
});
afterAll(() => database.close());

/** An action's input: an object whose fields are fuzzed, often named like the forms' fields. */
const FIELD_NAMES = [
  "id",
  "customerId",
  "registrationId",
  "userId",
  "partnerId",
  "toPartnerId",
  "customerSubscriptionId",
  "rateCardId",
  "tokenId",
  "keyId",
  "role",
  "email",
  "name",
  "companyName",
  "domain",
  "tenantId",
  "country",
  "markupPercent",
  "effectiveFrom",
  "amount",
  "currency",
  "period",
  "note",
  "decision",
  "billingModel",
  "subscriptionId",
  "registrationToken",
  "active",
];
const actionInput = fc.oneof(nastyJson, fc.dictionary(fc.constantFrom(...FIELD_NAMES), fc.oneof(idLike, nastyText, nastyJson), { maxKeys: 8 }));

describe("fuzzing every server action", () => {
  it("answers the one result shape and never an internal error", async () => {
    const callers = [
      () => world.scope("distributor", "ADMIN_AGENT"),
      () => world.scope("resellerA", "ADMIN_AGENT"),
      () => world.scope("direct", "SALES_AGENT"),
      () => world.scope("distributor", "BILLING_ADMIN"),
      () => world.operatorScope(),
    ];
    const names = [...actions.keys()];
    expect(names.length).toBeGreaterThan(20);
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.nat(callers.length - 1), actionInput, async (name, caller, input) => {
        testSession.scope = await callers[caller]();
        const result = (await actions.get(name)!(input)) as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
        expect(typeof result.ok, name).toBe("boolean");
        if (result.ok === false) {
          expect(typeof result.error?.code, name).toBe("string");
          expect(typeof result.error?.message, name).toBe("string");
          expect(result.error?.code, `${name} with ${JSON.stringify(input)?.slice(0, 300)}`).not.toBe("InternalError");
        }
      }),
      { numRuns: 600, interruptAfterTimeLimit: 40_000, markInterruptAsFailure: false, endOnFailure: true },
    );
  });
});
