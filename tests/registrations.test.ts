// The registration service at the domain layer: every seed error code, with nothing changed on failure.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "./support/test-database";
import { makeWorld, type World } from "./support/world";
import { makeApssSubscription, makeCspSubscription, makeCustomer } from "./support/factories";
import { setDatabaseForTests } from "../lib/db";
import { createRegistration } from "../lib/registrations/create-registration";
import { reregister } from "../lib/registrations/reregister";
import { requestMultiTenancy } from "../lib/registrations/request-multi-tenancy";
import { decideMultiTenancy } from "../lib/registrations/decide-multi-tenancy";
import {
  getCustomerSubscription,
  listCustomerSubscriptions,
  putCustomerSubscription,
  removeCustomerSubscription,
} from "../lib/registrations/customer-subscriptions";
import { armRefOf, type RegistrationRecord } from "../lib/registrations/find-registration";
import { registrationInputSchema } from "../lib/registrations/registration-schemas";
import type { Database } from "../lib/database/open-database";

let database: Database;
let world: World;
let apssId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabaseForTests(database);
  world = await makeWorld(database.prisma);
  apssId = (await makeApssSubscription(database.prisma, world.partners.distributor.id)).id;
});
afterAll(() => database.close());

async function register(billingModel: "PAY_AS_YOU_USE" | "CAPACITY" = "PAY_AS_YOU_USE") {
  const scope = await world.scope("distributor", "ADMIN_AGENT");
  return createRegistration(
    scope,
    registrationInputSchema.parse({
      subscriptionId: apssId,
      resourceGroup: "azurestack",
      cloudDeploymentId: randomUUID(),
      stampName: "Northwind Stamp",
      stampRegion: "westeurope",
      billingModel,
      agreementNumber: billingModel === "CAPACITY" ? "AGR-0001" : undefined,
      usageReportingEnabled: true,
    }),
  );
}

async function approvedRegistration(): Promise<RegistrationRecord> {
  const registration = await register();
  await requestMultiTenancy(await world.scope("distributor", "ADMIN_AGENT"), registration.id);
  await decideMultiTenancy(await world.operatorScope(), { registrationId: registration.id, decision: "APPROVED" });
  return registration;
}

async function state() {
  const [links, audit, registrations] = await Promise.all([
    database.prisma.customerSubscriptionRegistration.findMany({ orderBy: { id: "asc" } }),
    database.prisma.auditEvent.count(),
    database.prisma.registration.findMany({ orderBy: { id: "asc" } }),
  ]);
  return { links, audit, registrations };
}

async function expectCode(run: () => Promise<unknown>, code: string, status: number) {
  const before = await state();
  await expect(run()).rejects.toMatchObject({ code, status });
  expect(await state()).toEqual(before);
}

describe("registrations", () => {
  it("names a registration azurestack-{CloudDeploymentID} and forces usage reporting off for Capacity", async () => {
    const payg = await register();
    expect(payg.name).toBe(`azurestack-${payg.cloudDeploymentId}`);
    const capacity = await register("CAPACITY");
    expect(capacity).toMatchObject({ billingModel: "CAPACITY", usageReportingEnabled: false, agreementNumber: "AGR-0001" });
    expect(registrationInputSchema.safeParse({ ...capacity, billingModel: "CAPACITY", agreementNumber: "" }).success).toBe(false);
  });

  it("one registration per stamp, and only the partner's own CSP/APSS subscription", async () => {
    const first = await register();
    const scope = await world.scope("distributor", "ADMIN_AGENT");
    const input = registrationInputSchema.parse({
      subscriptionId: apssId,
      resourceGroup: "other",
      cloudDeploymentId: first.cloudDeploymentId,
      stampName: "Dup",
      stampRegion: "x",
      billingModel: "PAY_AS_YOU_USE",
    });
    await expect(createRegistration(scope, input)).rejects.toMatchObject({ code: "Conflict", fields: { cloudDeploymentId: expect.any(String) } });
    const foreign = world.customers.direct.subscription.id;
    await expect(createRegistration(scope, { ...input, cloudDeploymentId: randomUUID(), subscriptionId: foreign })).rejects.toMatchObject({
      code: "ValidationFailed",
      fields: { subscriptionId: expect.any(String) },
    });
  });

  it("multi-tenancy: request → pending (with the email text) → operator approves; every step audited", async () => {
    const registration = await register();
    const scope = await world.scope("distributor", "ADMIN_AGENT");
    const requested = await requestMultiTenancy(scope, registration.id);
    expect(requested.email.body).toContain(registration.name);
    expect(requested.email.body).toContain(registration.resourceGroup);
    expect(requested.email.body).toContain(registration.subscriptionId);
    await expect(requestMultiTenancy(scope, registration.id)).rejects.toMatchObject({ code: "Conflict" });
    await expect(decideMultiTenancy(scope, { registrationId: registration.id, decision: "APPROVED" })).rejects.toMatchObject({ code: "Forbidden" });
    await expect(decideMultiTenancy(await world.operatorScope(), { registrationId: registration.id, decision: "REJECTED" })).rejects.toMatchObject({
      code: "ValidationFailed",
    });
    await decideMultiTenancy(await world.operatorScope(), { registrationId: registration.id, decision: "APPROVED" });
    const actions = await database.prisma.auditEvent.findMany({ where: { targetId: registration.id }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(["registration.create", "registration.multiTenancy.request", "registration.multiTenancy.approve"]),
    );
  });

  it("adds a reseller's customer, replaces the tenant's subscription, verifies, lists and removes", async () => {
    const registration = await approvedRegistration();
    const scope = await world.scope("distributor", "ADMIN_AGENT");
    const ref = armRefOf(registration);
    const { customer, subscription } = world.customers.resellerA;
    const created = await putCustomerSubscription(scope, ref, { customerSubscriptionId: subscription.id });
    expect(created.outcome).toBe("created");
    expect(created.customerSubscription.tenantId).toBe(customer.tenantId);
    expect((await putCustomerSubscription(scope, ref, { customerSubscriptionId: subscription.id })).outcome).toBe("unchanged");

    const second = await makeCspSubscription(database.prisma, { customerId: customer.id, rollsUpToPartnerId: world.partners.distributor.id });
    const replaced = await putCustomerSubscription(scope, ref, { customerSubscriptionId: second.id });
    expect(replaced).toMatchObject({ outcome: "replaced", replacedSubscriptionId: subscription.id });
    expect(await database.prisma.customerSubscriptionRegistration.count({ where: { registrationId: registration.id } })).toBe(1);

    await expect(getCustomerSubscription(scope, ref, second.id)).resolves.toMatchObject({ tenantId: customer.tenantId });
    const listed = await listCustomerSubscriptions(scope, ref);
    expect(listed.rows.map((row) => row.customerSubscriptionId)).toEqual([second.id]);

    await removeCustomerSubscription(scope, ref, second.id);
    await expect(getCustomerSubscription(scope, ref, second.id)).rejects.toMatchObject({ code: "CustomerSubscriptionNotFound", status: 404 });
  });
});

describe("registration error codes change nothing", () => {
  it("RegistrationNotFound echoes the three values, also for another partner's registration", async () => {
    const registration = await approvedRegistration();
    const ref = { subscriptionId: registration.subscriptionId, resourceGroup: "no-such-rg", name: "no-such-name" };
    const scope = await world.scope("distributor", "ADMIN_AGENT");
    const run = () => putCustomerSubscription(scope, ref, { customerSubscriptionId: world.customers.resellerA.subscription.id });
    await expectCode(run, "RegistrationNotFound", 404);
    await expect(run()).rejects.toThrow(/no-such-rg.*no-such-name|value provided: no-such-rg/);
    const foreign = await world.scope("direct", "ADMIN_AGENT");
    await expectCode(
      () => putCustomerSubscription(foreign, armRefOf(registration), { customerSubscriptionId: world.customers.direct.subscription.id }),
      "RegistrationNotFound",
      404,
    );
    await expectCode(() => listCustomerSubscriptions(foreign, armRefOf(registration)), "RegistrationNotFound", 404);
  });

  it("InvalidCustomerSubscriptionId, InvalidCSPSubscription and BadCustomerSubscriptionId", async () => {
    const registration = await approvedRegistration();
    const scope = await world.scope("distributor", "ADMIN_AGENT");
    const ref = armRefOf(registration);
    const put = (id: string) => () => putCustomerSubscription(scope, ref, { customerSubscriptionId: id });
    await expectCode(put(world.customers.resellerA.subscription.id.toUpperCase()), "InvalidCustomerSubscriptionId", 400);
    await expectCode(put("not-a-guid"), "InvalidCustomerSubscriptionId", 400);
    await expectCode(put(randomUUID()), "InvalidCustomerSubscriptionId", 400);
    const customer = await makeCustomer(database.prisma, { partnerId: world.partners.resellerA.id });
    const ea = await makeCspSubscription(database.prisma, { customerId: customer.id, rollsUpToPartnerId: world.partners.distributor.id, type: "EA" });
    await expectCode(put(ea.id), "InvalidCSPSubscription", 400);
    await expectCode(put(apssId), "InvalidCSPSubscription", 400);
    // Other partners' subscriptions are answered exactly like unknown ones: no foreign id is confirmed.
    await expectCode(put(world.customers.direct.subscription.id), "InvalidCustomerSubscriptionId", 400);
    await expectCode(put(world.customers.otherDirect.subscription.id), "InvalidCustomerSubscriptionId", 400);
    const billedElsewhere = await makeCspSubscription(database.prisma, { customerId: customer.id, rollsUpToPartnerId: world.partners.otherDirect.id });
    await expectCode(put(billedElsewhere.id), "BadCustomerSubscriptionId", 400);
  });

  it("CustomerSubscriptionNotFound on verify and remove of a subscription never added", async () => {
    const registration = await approvedRegistration();
    const scope = await world.scope("distributor", "ADMIN_AGENT");
    const id = world.customers.resellerB.subscription.id;
    await expectCode(() => getCustomerSubscription(scope, armRefOf(registration), id), "CustomerSubscriptionNotFound", 404);
    await expectCode(() => removeCustomerSubscription(scope, armRefOf(registration), id), "CustomerSubscriptionNotFound", 404);
  });

  it("UnauthorizedCspRegistration until Microsoft approves (not requested, pending, rejected)", async () => {
    const registration = await register();
    const scope = await world.scope("distributor", "ADMIN_AGENT");
    const put = () => putCustomerSubscription(scope, armRefOf(registration), { customerSubscriptionId: world.customers.resellerA.subscription.id });
    await expectCode(put, "UnauthorizedCspRegistration", 403);
    await requestMultiTenancy(scope, registration.id);
    await expectCode(put, "UnauthorizedCspRegistration", 403);
    await decideMultiTenancy(await world.operatorScope(), { registrationId: registration.id, decision: "REJECTED", note: "Missing contract" });
    await expectCode(put, "UnauthorizedCspRegistration", 403);
  });

  it("CustomerSubscriptionsNotAllowed on Capacity; re-register to Pay-as-you-use lifts it", async () => {
    const registration = await register("CAPACITY");
    const scope = await world.scope("distributor", "ADMIN_AGENT");
    const put = () => putCustomerSubscription(scope, armRefOf(registration), { customerSubscriptionId: world.customers.resellerA.subscription.id });
    await expectCode(put, "CustomerSubscriptionsNotAllowed", 400);
    await expectCode(() => requestMultiTenancy(scope, registration.id), "CustomerSubscriptionsNotAllowed", 400);
    const switched = await reregister(scope, {
      registrationId: registration.id,
      stampName: registration.stampName,
      stampRegion: registration.stampRegion,
      billingModel: "PAY_AS_YOU_USE",
      usageReportingEnabled: true,
    });
    expect(switched).toMatchObject({ billingModel: "PAY_AS_YOU_USE", usageReportingEnabled: true, agreementNumber: null });
    await expectCode(put, "UnauthorizedCspRegistration", 403);
  });

  it("switching to Capacity with tenants registered is refused", async () => {
    const registration = await approvedRegistration();
    const scope = await world.scope("distributor", "ADMIN_AGENT");
    await putCustomerSubscription(scope, armRefOf(registration), { customerSubscriptionId: world.customers.resellerB.subscription.id });
    await expectCode(
      () =>
        reregister(scope, {
          registrationId: registration.id,
          stampName: "s",
          stampRegion: "r",
          billingModel: "CAPACITY",
          agreementNumber: "AGR-1",
          usageReportingEnabled: false,
        }),
      "Conflict",
      409,
    );
  });

  it("MetadataResolverBadGatewayError: 502 after one retry when the resolver fails or times out", async () => {
    const registration = await approvedRegistration();
    const scope = await world.scope("distributor", "ADMIN_AGENT");
    let calls = 0;
    const server = http.createServer((request, response) => {
      calls += 1;
      if (request.url?.includes("hang")) return; // never answers: the timeout fires
      response.writeHead(500).end("upstream exploded");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const saved = { url: process.env.TENANT_METADATA_URL, timeout: process.env.TENANT_METADATA_TIMEOUT_MS };
    try {
      process.env.TENANT_METADATA_TIMEOUT_MS = "200";
      for (const path of ["/fail", "/hang"]) {
        calls = 0;
        process.env.TENANT_METADATA_URL = `http://127.0.0.1:${port}${path}`;
        await expectCode(
          () => putCustomerSubscription(scope, armRefOf(registration), { customerSubscriptionId: world.customers.resellerA.subscription.id }),
          "MetadataResolverBadGatewayError",
          502,
        );
        expect(calls).toBe(2);
      }
    } finally {
      process.env.TENANT_METADATA_URL = saved.url;
      process.env.TENANT_METADATA_TIMEOUT_MS = saved.timeout;
      if (saved.url === undefined) delete process.env.TENANT_METADATA_URL;
      if (saved.timeout === undefined) delete process.env.TENANT_METADATA_TIMEOUT_MS;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("roles: a billing admin reads but can't add tenants; a sales agent can't read registrations", async () => {
    const registration = await approvedRegistration();
    const billing = await world.scope("distributor", "BILLING_ADMIN");
    await expectCode(
      () => putCustomerSubscription(billing, armRefOf(registration), { customerSubscriptionId: world.customers.resellerA.subscription.id }),
      "Forbidden",
      403,
    );
    await expect(listCustomerSubscriptions(billing, armRefOf(registration))).resolves.toBeTruthy();
    const sales = await world.scope("distributor", "SALES_AGENT");
    await expectCode(() => listCustomerSubscriptions(sales, armRefOf(registration)), "Forbidden", 403);
  });
});
