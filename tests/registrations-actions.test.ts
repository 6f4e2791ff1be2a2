// The registration server actions below the HTTP layer: role checks, scoped lookups of the ids a
// client sends, and every seed error code surfaced in the ActionResult shape with nothing written.
// The domain rules themselves are covered by tests/registrations.test.ts.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "./support/test-database";
import { testSession } from "./support/mock-session";
import { makeWorld, type World } from "./support/world";
import { makeApssSubscription, makeCspSubscription } from "./support/factories";
import { encodeRegistrationToken } from "../lib/registrations/encode-registration-token";
import { setDatabaseForTests } from "../lib/db";
import type { PartnerScope } from "../lib/auth/partner-scope";
import type { Database } from "../lib/database/open-database";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());

const { createRegistrationAction, reregisterAction, requestMultiTenancyAction, decideMultiTenancyAction } = await import("../lib/registrations/actions");
const { addCustomerTenantAction, verifyCustomerTenantAction, removeCustomerTenantAction } = await import("../lib/registrations/actions");

let database: Database;
let world: World;
let apss: { distributor: string; direct: string };
/** A second CSP subscription of reseller A's customer: same tenant, for replacement. */
let resellerASecondSubscription: string;
/** Reseller A's customer also buys Azure through another CSP partner (direct): that subscription rolls up there. */
let billedElsewhereSubscription: string;

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabaseForTests(database);
  world = await makeWorld(database.prisma);
  const { prisma } = database;
  apss = {
    distributor: (await makeApssSubscription(prisma, world.partners.distributor.id)).id,
    direct: (await makeApssSubscription(prisma, world.partners.direct.id)).id,
  };
  const { customer } = world.customers.resellerA;
  const second = await makeCspSubscription(prisma, { customerId: customer.id, rollsUpToPartnerId: world.partners.distributor.id });
  resellerASecondSubscription = second.id;
  billedElsewhereSubscription = (
    await makeCspSubscription(database.prisma, { customerId: world.customers.resellerA.customer.id, rollsUpToPartnerId: world.partners.direct.id })
  ).id;
});
afterAll(() => database.close());
beforeEach(() => {
  testSession.scope = null;
});

const as = async (partner: keyof World["partners"], role: PartnerScope["role"] = "ADMIN_AGENT"): Promise<void> => {
  testSession.scope = await world.scope(partner, role);
};
const asOperator = async () => {
  testSession.scope = await world.operatorScope();
};

function registrationInput(partner: "distributor" | "direct", overrides: Record<string, unknown> = {}) {
  const stamp = { cloudDeploymentId: randomUUID(), stampName: "Stamp", stampRegion: "westus2" };
  return { subscriptionId: apss[partner], resourceGroup: "azurestack", ...stamp, billingModel: "PAY_AS_YOU_USE", usageReportingEnabled: "true", ...overrides };
}

async function register(partner: "distributor" | "direct", overrides: Record<string, unknown> = {}): Promise<string> {
  await as(partner);
  const result = await createRegistrationAction(registrationInput(partner, overrides));
  if (!result.ok) throw new Error(`register failed: ${result.error.code} ${result.error.message}`);
  return result.data.id;
}

async function approve(registrationId: string): Promise<void> {
  const scope = testSession.scope;
  await asOperator();
  expect(await decideMultiTenancyAction({ registrationId, decision: "APPROVED" })).toMatchObject({ ok: true });
  testSession.scope = scope;
}

const refused = (code: string, error: Record<string, unknown> = {}) => ({ ok: false, error: { code, ...error } });
const anyString = expect.any(String);

/** Everything an action could change, to prove a refused one changed nothing. */
async function snapshot() {
  const prisma = database.prisma;
  return {
    registrations: await prisma.registration.findMany({ orderBy: { id: "asc" } }),
    tenants: await prisma.customerSubscriptionRegistration.findMany({ orderBy: { id: "asc" } }),
    audit: await prisma.auditEvent.count(),
  };
}

describe("createRegistrationAction", () => {
  it("registers a stamp with the caller's APSS subscription, audited", async () => {
    await as("distributor");
    const cloudDeploymentId = randomUUID();
    const result = await createRegistrationAction(registrationInput("distributor", { cloudDeploymentId }));
    expect(result).toMatchObject({ ok: true, data: { id: expect.any(String) } });
    if (!result.ok) return;
    const row = await database.prisma.registration.findUniqueOrThrow({ where: { id: result.data.id } });
    expect(row).toMatchObject({ name: `azurestack-${cloudDeploymentId}`, partnerId: world.partners.distributor.id, usageReportingEnabled: true });
    expect(await database.prisma.auditEvent.count({ where: { targetId: row.id, action: "registration.create" } })).toBe(1);
  });

  it("registers from a pasted registration token: the stamp's values come from it, the form's fields don't override them", async () => {
    await as("distributor");
    const cloudId = randomUUID();
    const objectId = randomUUID();
    const registrationToken = encodeRegistrationToken({
      CloudId: cloudId.toUpperCase(),
      ObjectId: objectId,
      BillingModel: "Capacity",
      UsageReportingEnabled: false,
      MarketplaceSyndicationEnabled: true,
      AgreementNumber: "EA-7",
    });
    const input = {
      ...registrationInput("distributor", { cloudDeploymentId: randomUUID(), billingModel: "PAY_AS_YOU_USE" }),
      stampInput: "token",
      registrationToken: `${registrationToken.slice(0, 30)}\n${registrationToken.slice(30)}`,
    };
    const result = await createRegistrationAction(input);
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(await database.prisma.registration.findUniqueOrThrow({ where: { id: result.data.id } })).toMatchObject({
      name: `azurestack-${cloudId}`,
      cloudDeploymentId: cloudId,
      objectId,
      billingModel: "CAPACITY",
      agreementNumber: "EA-7",
      usageReportingEnabled: false,
      marketplaceSyndicationEnabled: true,
    });
  });

  it("refuses a bad or missing token with InvalidRegistrationToken on the token field, writing nothing", async () => {
    await as("distributor");
    const before = await snapshot();
    for (const registrationToken of ["", "%%%", Buffer.from('{"CloudId":"x"}').toString("base64")]) {
      const result = await createRegistrationAction({ ...registrationInput("distributor"), stampInput: "token", registrationToken });
      expect(result).toMatchObject(refused("InvalidRegistrationToken", { fields: { registrationToken: anyString } }));
    }
    expect(await snapshot()).toEqual(before);
  });

  it("returns field errors for bad input and a foreign default subscription, writing nothing", async () => {
    await as("distributor");
    const before = await snapshot();
    const invalid = await createRegistrationAction({ subscriptionId: "x", cloudDeploymentId: "y", billingModel: "CAPACITY", resourceGroup: "" });
    const fields = { subscriptionId: anyString, cloudDeploymentId: anyString, resourceGroup: anyString, stampName: anyString };
    expect(invalid).toMatchObject(refused("ValidationFailed", { fields }));
    const foreign = await createRegistrationAction(registrationInput("distributor", { subscriptionId: apss.direct }));
    expect(foreign).toMatchObject(refused("ValidationFailed", { fields: { subscriptionId: anyString } }));
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a second registration of the same stamp", async () => {
    const cloudDeploymentId = randomUUID();
    await register("distributor", { cloudDeploymentId });
    const result = await createRegistrationAction(registrationInput("distributor", { cloudDeploymentId, name: "another" }));
    expect(result).toMatchObject(refused("Conflict", { fields: { cloudDeploymentId: anyString } }));
  });

  it.each([
    ["SALES_AGENT", "Forbidden"],
    ["BILLING_ADMIN", "Forbidden"],
    ["OPERATOR", "Forbidden"],
    ["nobody (signed out)", "Unauthenticated"],
  ] as const)("is refused to %s", async (role, code) => {
    if (role === "OPERATOR") await asOperator();
    else if (role !== "nobody (signed out)") await as("distributor", role);
    expect(await createRegistrationAction(registrationInput("distributor"))).toMatchObject(refused(code));
  });
});

describe("multi-tenancy approval", () => {
  it("request → PENDING with the seed's email text, operator approves, the partner sees APPROVED; all audited", async () => {
    const registrationId = await register("distributor");
    const requested = await requestMultiTenancyAction({ registrationId });
    expect(requested).toMatchObject({ ok: true, data: { state: "PENDING", email: { to: "azstCSP@microsoft.com" } } });
    const row = await database.prisma.registration.findUniqueOrThrow({ where: { id: registrationId } });
    if (requested.ok) {
      for (const value of [row.name, row.resourceGroup, row.subscriptionId]) expect(requested.data.email.body).toContain(value);
    }
    expect(await requestMultiTenancyAction({ registrationId })).toMatchObject(refused("Conflict"));

    // A partner can't decide its own request.
    expect(await decideMultiTenancyAction({ registrationId, decision: "APPROVED" })).toMatchObject(refused("Forbidden"));
    await approve(registrationId);
    const approved = await database.prisma.registration.findUniqueOrThrow({ where: { id: registrationId } });
    expect(approved.multiTenancyState).toBe("APPROVED");
    const actionsLogged = await database.prisma.auditEvent.findMany({ where: { targetId: registrationId }, select: { action: true } });
    expect(actionsLogged.map((event) => event.action)).toEqual(
      expect.arrayContaining(["registration.create", "registration.multiTenancy.request", "registration.multiTenancy.approve"]),
    );
  });

  it("rejects only with a reason; the partner may ask again", async () => {
    const registrationId = await register("direct");
    expect(await requestMultiTenancyAction({ registrationId })).toMatchObject({ ok: true });
    await asOperator();
    expect(await decideMultiTenancyAction({ registrationId, decision: "REJECTED", note: " " })).toMatchObject(
      refused("ValidationFailed", { fields: { note: anyString } }),
    );
    expect(await decideMultiTenancyAction({ registrationId, decision: "REJECTED", note: "Wrong subscription" })).toMatchObject({ ok: true });
    expect(await decideMultiTenancyAction({ registrationId, decision: "APPROVED" })).toMatchObject(refused("Conflict"));
    expect(await decideMultiTenancyAction({ registrationId: "nope", decision: "APPROVED" })).toMatchObject(refused("NotFound"));
    await as("direct");
    expect(await requestMultiTenancyAction({ registrationId })).toMatchObject({ ok: true, data: { state: "PENDING" } });
  });

  it("refuses Capacity registrations with CustomerSubscriptionsNotAllowed", async () => {
    const registrationId = await register("distributor", { billingModel: "CAPACITY", agreementNumber: "EA-1" });
    const before = await snapshot();
    expect(await requestMultiTenancyAction({ registrationId })).toMatchObject(refused("CustomerSubscriptionsNotAllowed"));
    expect(await snapshot()).toEqual(before);
  });

  it.each(["direct", "resellerA"] as const)("treats the distributor's registration as not found for %s", async (partner) => {
    const registrationId = await register("distributor");
    await as(partner);
    const before = await snapshot();
    expect(await requestMultiTenancyAction({ registrationId })).toMatchObject(refused("NotFound"));
    expect(await snapshot()).toEqual(before);
  });
});

describe("customer tenants", () => {
  let registrationId: string;
  let notApprovedId: string;
  let capacityId: string;
  const subscriptionOf = (key: keyof World["customers"]) => world.customers[key].subscription.id;
  const add = (customerSubscriptionId: string, id = registrationId) => addCustomerTenantAction({ registrationId: id, customerSubscriptionId });
  const verify = (customerSubscriptionId: string) => verifyCustomerTenantAction({ registrationId, customerSubscriptionId });
  const remove = (customerSubscriptionId: string) => removeCustomerTenantAction({ registrationId, customerSubscriptionId });

  beforeAll(async () => {
    registrationId = await register("distributor");
    expect(await requestMultiTenancyAction({ registrationId })).toMatchObject({ ok: true });
    await approve(registrationId);
    notApprovedId = await register("distributor");
    capacityId = await register("distributor", { billingModel: "CAPACITY", agreementNumber: "EA-2" });
  });

  it("adds two resellers' customers, verifies, replaces one tenant's subscription and removes the other", async () => {
    await as("distributor");
    const { resellerA, resellerB } = world.customers;
    expect(await add(subscriptionOf("resellerA"))).toMatchObject({
      ok: true,
      data: { outcome: "created", tenantId: resellerA.customer.tenantId, replacedSubscriptionId: null },
    });
    // Pasted upper-case: the action normalises a GUID's case.
    expect(await add(` ${subscriptionOf("resellerB").toUpperCase()} `)).toMatchObject({ ok: true, data: { outcome: "created" } });
    expect(await verify(subscriptionOf("resellerB"))).toMatchObject({
      ok: true,
      data: { tenantId: resellerB.customer.tenantId, customerName: resellerB.customer.companyName },
    });
    expect(await add(resellerASecondSubscription)).toMatchObject({
      ok: true,
      data: { outcome: "replaced", customerSubscriptionId: resellerASecondSubscription, replacedSubscriptionId: subscriptionOf("resellerA") },
    });
    expect(await add(resellerASecondSubscription)).toMatchObject({ ok: true, data: { outcome: "unchanged" } });
    expect(await remove(subscriptionOf("resellerB"))).toMatchObject({ ok: true });
    const rows = await database.prisma.customerSubscriptionRegistration.findMany({ where: { registrationId } });
    expect(rows.map((row) => row.customerSubscriptionId)).toEqual([resellerASecondSubscription]);
    const audited = await database.prisma.auditEvent.findMany({
      where: { targetId: registrationId, action: { startsWith: "registration.customerSubscription." } },
    });
    expect(audited.map((event) => event.action.split(".").pop()).sort()).toEqual(["add", "add", "remove", "replace"]);
  });

  // Each seed code (seed 000) through the actions; RegistrationNotFound is the ARM API's alone:
  // the actions address registrations by id, so a foreign or unknown one is NotFound (below).
  const SEED_ERRORS: [string, string, () => Promise<{ ok: boolean }>][] = [
    ["InvalidCustomerSubscriptionId", "not a GUID", () => add("not-a-guid")],
    ["InvalidCustomerSubscriptionId", "an unknown subscription", () => add(randomUUID())],
    ["InvalidCSPSubscription", "an APSS subscription", () => add(apss.distributor)],
    // Another partner's subscription is answered exactly like one that doesn't exist.
    ["InvalidCustomerSubscriptionId", "another direct CSP's customer", () => add(subscriptionOf("otherDirect"))],
    ["InvalidCustomerSubscriptionId", "a customer of another partner", () => add(subscriptionOf("direct"))],
    ["BadCustomerSubscriptionId", "an own customer's subscription billed to another partner", () => add(billedElsewhereSubscription)],
    ["CustomerSubscriptionNotFound", "verifying one never added", () => verify(subscriptionOf("distributor"))],
    ["CustomerSubscriptionNotFound", "removing one never added", () => remove(subscriptionOf("distributor"))],
    ["CustomerSubscriptionNotFound", "verifying garbage", () => verify("garbage")],
    ["UnauthorizedCspRegistration", "a registration not approved", () => add(subscriptionOf("resellerA"), notApprovedId)],
    ["CustomerSubscriptionsNotAllowed", "a Capacity registration", () => add(subscriptionOf("resellerA"), capacityId)],
  ];

  it.each(SEED_ERRORS)("surfaces %s (%s) with nothing changed", async (code, _case, run) => {
    await as("distributor");
    const before = await snapshot();
    expect(await run()).toMatchObject(refused(code, { message: anyString }));
    expect(await snapshot()).toEqual(before);
  });

  it("keeps the seed's messages", async () => {
    await as("distributor");
    const unauthorized = await add(subscriptionOf("resellerA"), notApprovedId);
    expect(unauthorized).toMatchObject(refused("UnauthorizedCspRegistration", { message: expect.stringContaining("is not approved to use multi-tenancy") }));
    const capacity = await add(subscriptionOf("resellerA"), capacityId);
    expect(capacity).toMatchObject(refused("CustomerSubscriptionsNotAllowed", { message: expect.stringContaining("re-register with Pay As You Use") }));
    const foreign = await add(billedElsewhereSubscription);
    expect(foreign).toMatchObject(
      refused("BadCustomerSubscriptionId", { message: expect.stringContaining("not owned by the same Microsoft Cloud Service Provider") }),
    );
  });

  describe("with a failing tenant metadata service", () => {
    beforeEach(() => {
      // Port 9 (discard) refuses connections at once: the resolver fails fast, twice.
      process.env.TENANT_METADATA_URL = "http://127.0.0.1:9/tenant";
      process.env.TENANT_METADATA_TIMEOUT_MS = "500";
    });
    afterEach(() => {
      delete process.env.TENANT_METADATA_URL;
      delete process.env.TENANT_METADATA_TIMEOUT_MS;
    });

    it("surfaces MetadataResolverBadGatewayError with nothing changed", async () => {
      vi.spyOn(console, "warn").mockImplementation(() => undefined);
      await as("distributor");
      const before = await snapshot();
      expect(await add(subscriptionOf("resellerB"))).toMatchObject(refused("MetadataResolverBadGatewayError"));
      expect(await snapshot()).toEqual(before);
    });
  });

  it.each(["direct", "resellerA", "otherDirect"] as const)("treats the registration id as not found for %s", async (partner) => {
    await as(partner);
    const before = await snapshot();
    for (const result of [await add(resellerASecondSubscription), await verify(resellerASecondSubscription), await remove(resellerASecondSubscription)]) {
      expect(result).toMatchObject(refused("NotFound"));
    }
    expect(await snapshot()).toEqual(before);
  });

  it("lets billing admins and operators verify but not change; refuses sales agents", async () => {
    const before = await snapshot();
    // Operators browse every partner's registrations read-only: verifying a tenant is a read.
    for (const reader of [() => as("distributor", "BILLING_ADMIN"), asOperator]) {
      await reader();
      expect(await verify(resellerASecondSubscription)).toMatchObject({ ok: true });
      for (const action of [add, remove]) expect(await action(resellerASecondSubscription)).toMatchObject(refused("Forbidden"));
      expect(await requestMultiTenancyAction({ registrationId })).toMatchObject(refused("Forbidden"));
    }
    await as("distributor", "SALES_AGENT");
    for (const action of [add, verify, remove]) expect(await action(resellerASecondSubscription)).toMatchObject(refused("Forbidden"));
    expect(await requestMultiTenancyAction({ registrationId })).toMatchObject(refused("Forbidden"));
    expect(await snapshot()).toEqual(before);
  });

  it("returns a field error for an empty subscription id", async () => {
    await as("distributor");
    expect(await add("  ")).toMatchObject(refused("ValidationFailed", { fields: { customerSubscriptionId: anyString } }));
  });
});

describe("reregisterAction", () => {
  const base = { stampName: "Renamed", stampRegion: "eastus", usageReportingEnabled: "true" };

  it("switches Capacity → Pay-as-you-use, audited as a re-registration", async () => {
    const registrationId = await register("distributor", { billingModel: "CAPACITY", agreementNumber: "EA-3" });
    expect(await reregisterAction({ registrationId, ...base, billingModel: "PAY_AS_YOU_USE" })).toMatchObject({ ok: true });
    const row = await database.prisma.registration.findUniqueOrThrow({ where: { id: registrationId } });
    expect(row).toMatchObject({ billingModel: "PAY_AS_YOU_USE", agreementNumber: null, usageReportingEnabled: true, stampName: "Renamed" });
    expect(await database.prisma.auditEvent.count({ where: { targetId: registrationId, action: "registration.reregister" } })).toBe(1);
  });

  it("refuses Capacity while tenants are added, Capacity without an agreement number, and other partners", async () => {
    const registrationId = await register("distributor");
    await requestMultiTenancyAction({ registrationId });
    await approve(registrationId);
    expect(await addCustomerTenantAction({ registrationId, customerSubscriptionId: world.customers.resellerB.subscription.id })).toMatchObject({ ok: true });
    const before = await snapshot();
    const reregisterAs = (input: Record<string, unknown>) => reregisterAction({ registrationId, ...base, ...input });
    expect(await reregisterAs({ billingModel: "CAPACITY", agreementNumber: "EA-4" })).toMatchObject(
      refused("Conflict", { fields: { billingModel: anyString } }),
    );
    expect(await reregisterAs({ billingModel: "CAPACITY" })).toMatchObject(refused("ValidationFailed", { fields: { agreementNumber: anyString } }));
    await as("direct");
    expect(await reregisterAs({ billingModel: "PAY_AS_YOU_USE" })).toMatchObject(refused("NotFound"));
    expect(await snapshot()).toEqual(before);
  });
});
