// Server actions end to end below the HTTP layer: authentication, role, zod validation, scoped
// lookups of client-sent ids, and the single result shape.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { testSession } from "./support/mock-session";
import { type World } from "./support/world";
import type { Database } from "../lib/database/open-database";
import { withTestWorld } from "./support/with-test-world";

const cookieJar = vi.hoisted(() => new Map<string, string>());

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name) } : undefined),
    set: (name: string, value: string) => cookieJar.set(name, value),
    delete: (name: string) => cookieJar.delete(name),
  }),
}));
vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());

const { createCustomerAction, updateCustomerAction, addCspSubscriptionAction } = await import("../lib/customers/actions");
const { selectResellerAction } = await import("../lib/auth/actions");

let database: Database;
let world: World;

withTestWorld((context) => ({ database, world } = context));
beforeEach(() => {
  testSession.scope = null;
  cookieJar.clear();
});

describe("customer actions", () => {
  it("refuse a signed-out caller", async () => {
    expect(await createCustomerAction({})).toMatchObject({ ok: false, error: { code: "Unauthenticated" } });
  });

  it("refuse a role without customers:write", async () => {
    testSession.scope = await world.scope("direct", "BILLING_ADMIN");
    const result = await updateCustomerAction({
      customerId: world.customers.direct.customer.id,
      companyName: "X",
      country: "US",
    });
    expect(result).toMatchObject({ ok: false, error: { code: "Forbidden" } });
  });

  it("return field errors for bad input, writing nothing", async () => {
    testSession.scope = await world.scope("direct", "SALES_AGENT");
    const before = await database.prisma.customer.count();
    const result = await createCustomerAction({ companyName: "", domain: "bad domain", country: "XX", tenantId: "123" });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: "ValidationFailed",
        fields: { companyName: expect.any(String), domain: expect.any(String), country: expect.any(String), tenantId: expect.any(String) },
      },
    });
    expect(await database.prisma.customer.count()).toBe(before);
  });

  it("create, update and add a subscription for the caller's own customer", async () => {
    testSession.scope = await world.scope("direct", "SALES_AGENT");
    const created = await createCustomerAction({ companyName: "Woodgrove Bank", domain: "woodgrove.onmicrosoft.com", country: "CA" });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(await updateCustomerAction({ customerId: created.data.id, companyName: "Woodgrove", country: "CA" })).toMatchObject({ ok: true });
    const added = await addCspSubscriptionAction({ customerId: created.data.id, displayName: "Azure plan" });
    expect(added).toMatchObject({ ok: true, data: { id: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
  });

  it.each(["otherDirect", "resellerA", "distributor"] as const)("treat %s's customer id as not found", async (owner) => {
    testSession.scope = await world.scope("direct", "ADMIN_AGENT");
    const customerId = world.customers[owner].customer.id;
    expect(await updateCustomerAction({ customerId, companyName: "Hijacked", country: "US" })).toMatchObject({
      ok: false,
      error: { code: "NotFound" },
    });
    expect(await addCspSubscriptionAction({ customerId, displayName: "Hijack" })).toMatchObject({
      ok: false,
      error: { code: "NotFound" },
    });
    const customer = await database.prisma.customer.findUnique({ where: { id: customerId } });
    expect(customer?.companyName).not.toBe("Hijacked");
  });
});

describe("reseller switcher action", () => {
  it("accepts the distributor's own reseller and sets the cookie", async () => {
    testSession.scope = await world.scope("distributor", "ADMIN_AGENT");
    const result = await selectResellerAction({ resellerId: world.partners.resellerA.id });
    expect(result).toMatchObject({ ok: true });
    expect(cookieJar.get("sc-reseller")).toBe(world.partners.resellerA.id);
  });

  it("refuses a partner that isn't the distributor's reseller", async () => {
    testSession.scope = await world.scope("distributor", "ADMIN_AGENT");
    expect(await selectResellerAction({ resellerId: world.partners.direct.id })).toMatchObject({
      ok: false,
      error: { code: "NotFound" },
    });
    expect(cookieJar.has("sc-reseller")).toBe(false);
  });

  it("is refused to non-distributors", async () => {
    testSession.scope = await world.scope("resellerA", "ADMIN_AGENT");
    expect(await selectResellerAction({ resellerId: world.partners.resellerB.id })).toMatchObject({
      ok: false,
      error: { code: "Forbidden" },
    });
  });
});
