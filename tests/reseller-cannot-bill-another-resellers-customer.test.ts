// Tenant isolation: a registration bills only customers inside both the caller's scope and the
// registration owner's (a reseller: its own customers; a distributor: its own and its resellers').
// Every entry point that takes a customer, subscription or registration id is tried: the ARM API
// (reseller and distributor tokens), the portal's add-tenant action, the pickers that offer
// subscriptions and registrations, the ingest's tenant mapping, and customer moves. A foreign id is
// answered exactly like one that doesn't exist.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "./support/test-database";
import { armFetch, armUrl, bearer, readArm, type ArmErrorJson } from "./support/arm-client";
import { makeArmWorld, writeCounts, type ArmWorld } from "./support/arm-world";
import { makeApiToken, makeRegistration, refOf } from "./support/registration-fixtures";
import { makeCustomerReader } from "./support/customer-reader-fixtures";
import { testSession } from "./support/mock-session";
import { setDatabaseForTests } from "../lib/db";
import type { Database } from "../lib/database/open-database";
import type { Registration } from "../generated/prisma/client";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());

const { addCustomerTenantAction } = await import("../lib/registrations/actions");
const { listAddableCustomerSubscriptions } = await import("../lib/registrations/list-registration-subscription-options");
const { listRegistrationTargets } = await import("../lib/registrations/list-customer-registrations");
const { findRegistrationById } = await import("../lib/registrations/find-registration");
const { getCustomer } = await import("../lib/customers/get-customer");
const { loadRegistrationGateway } = await import("../lib/usage/load-registration-gateway");
const { moveCustomer } = await import("../lib/customers/move-customer");

let database: Database;
let world: ArmWorld;
/** Contoso: reseller A's approved registration. */
let contoso: Registration;

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabaseForTests(database);
  world = await makeArmWorld(database.prisma);
  contoso = await makeRegistration(database.prisma, { partnerId: world.partners.resellerA.id, subscriptionId: world.apss.distributor.id });
});
afterAll(() => database.close());
beforeEach(() => {
  testSession.scope = null;
});

const unknownMessage = (id: string) =>
  `The '${id}' is not valid. Make sure a valid Azure subscription is provided. ` +
  `Use the ID of a CSP subscription of one of your customers, a GUID such as 3f2504e0-4f89-41d3-9a0c-0305e82c3301.`;

async function armPut(token: string, customerSubscriptionId: string) {
  const response = await armFetch(armUrl(refOf(contoso), { customerSubscriptionId }), { method: "PUT", headers: bearer(token), body: "{}" });
  return readArm<ArmErrorJson>(response);
}

describe("the ARM API", () => {
  it.each([
    ["resellerA", "resellerB"],
    ["resellerA", "distributor"],
    ["distributor", "resellerB"],
    ["distributor", "distributor"],
  ] as const)("%s's token can't add %s's customer to reseller A's registration: InvalidCustomerSubscriptionId, as for an unknown id", async (caller, owner) => {
    const foreign = world.customers[owner].subscription.id;
    const before = await writeCounts(database.prisma);
    const refused = await armPut(world.tokens[caller], foreign);
    expect(refused).toEqual({
      status: 400,
      body: { error: { code: "InvalidCustomerSubscriptionId", message: unknownMessage(foreign), details: expect.any(Array) } },
    });
    const unknown = randomUUID();
    expect((await armPut(world.tokens[caller], unknown)).body.error.message).toBe(unknownMessage(unknown));
    expect(await writeCounts(database.prisma)).toEqual(before);
  });

  it("still lets reseller A and its distributor add reseller A's own customer", async () => {
    const own = world.customers.resellerA.subscription.id;
    expect((await armPut(world.tokens.resellerA, own)).status).toBe(200);
    expect((await armPut(world.tokens.distributor, own)).status).toBe(200);
    await database.prisma.customerSubscriptionRegistration.deleteMany({ where: { registrationId: contoso.id } });
  });
});

describe("the portal", () => {
  it("refuses the add-tenant action for another reseller's customer, whoever signs in", async () => {
    for (const caller of ["resellerA", "distributor"] as const) {
      testSession.scope = await world.scope(caller, "ADMIN_AGENT");
      const foreign = world.customers.resellerB.subscription.id;
      const result = await addCustomerTenantAction({ registrationId: contoso.id, customerSubscriptionId: foreign });
      expect(result).toMatchObject({ ok: false, error: { code: "InvalidCustomerSubscriptionId", message: unknownMessage(foreign) } });
    }
    expect(await database.prisma.customerSubscriptionRegistration.count({ where: { registrationId: contoso.id } })).toBe(0);
  });

  it("a customer reader can't put its (or any) tenant on a registration: not by action, not by a token it made", async () => {
    const { userId, scope } = await makeCustomerReader(database.prisma, world, "resellerA");
    testSession.scope = scope;
    const own = world.customers.resellerA.subscription.id;
    expect(await addCustomerTenantAction({ registrationId: contoso.id, customerSubscriptionId: own })).toMatchObject({
      ok: false,
      error: { code: "NotFound" },
    });
    await expect(findRegistrationById(scope, contoso.id)).rejects.toMatchObject({ code: "NotFound" });
    const { token } = await makeApiToken(database.prisma, { partnerId: world.partners.resellerA.id, createdByUserId: userId });
    expect((await armPut(token, own)).status).toBe(401);
    expect(await database.prisma.customerSubscriptionRegistration.count({ where: { registrationId: contoso.id } })).toBe(0);
  });

  it("offers on reseller A's registration only reseller A's customers, even to the distributor", async () => {
    for (const caller of ["resellerA", "distributor"] as const) {
      const scope = await world.scope(caller, "ADMIN_AGENT");
      const registration = await findRegistrationById(scope, contoso.id);
      const offered = (await listAddableCustomerSubscriptions(scope, registration)).map((option) => option.id);
      expect(offered).toEqual([world.customers.resellerA.subscription.id]);
    }
  });

  it("offers on reseller B's customer page only registrations that may bill it (reseller B's and the distributor's)", async () => {
    const distributors = await makeRegistration(database.prisma, { partnerId: world.partners.distributor.id, subscriptionId: world.apss.distributor.id });
    const scope = await world.scope("distributor", "ADMIN_AGENT");
    const customer = await getCustomer(scope, world.customers.resellerB.customer.id);
    const targets = (await listRegistrationTargets(scope, customer)).map((target) => target.id);
    expect(targets).toContain(distributors.id);
    expect(targets).not.toContain(contoso.id);
  });
});

describe("the ingest", () => {
  it("ignores a tenant row that crosses resellers (billed to the default subscription instead)", async () => {
    const foreign = world.customers.resellerB;
    await database.prisma.customerSubscriptionRegistration.create({
      data: { registrationId: contoso.id, customerSubscriptionId: foreign.subscription.id, tenantId: foreign.customer.tenantId },
    });
    const own = world.customers.resellerA;
    await database.prisma.customerSubscriptionRegistration.create({
      data: { registrationId: contoso.id, customerSubscriptionId: own.subscription.id, tenantId: own.customer.tenantId },
    });
    const loaded = await loadRegistrationGateway(contoso.id, new Date(), 4);
    expect([...(loaded?.context.customerSubscriptionsByTenant.entries() ?? [])]).toEqual([[own.customer.tenantId.toLowerCase(), own.subscription.id]]);
    await database.prisma.customerSubscriptionRegistration.deleteMany({ where: { registrationId: contoso.id } });
  });
});

describe("customer moves", () => {
  it("won't move a customer away while its tenant is on its reseller's registration", async () => {
    const moving = world.customers.resellerA;
    await database.prisma.customerSubscriptionRegistration.create({
      data: { registrationId: contoso.id, customerSubscriptionId: moving.subscription.id, tenantId: moving.customer.tenantId },
    });
    const scope = await world.scope("distributor", "ADMIN_AGENT");
    const move = () => moveCustomer(scope, { customerId: moving.customer.id, toPartnerId: world.partners.resellerB.id });
    await expect(move()).rejects.toMatchObject({ code: "TenantOnOtherResellersRegistration", status: 409 });
    expect(await database.prisma.customer.findUniqueOrThrow({ where: { id: moving.customer.id }, select: { partnerId: true } })).toEqual({
      partnerId: world.partners.resellerA.id,
    });
    await database.prisma.customerSubscriptionRegistration.deleteMany({ where: { registrationId: contoso.id } });
    await expect(move()).resolves.toMatchObject({ toPartnerId: world.partners.resellerB.id });
  });
});
