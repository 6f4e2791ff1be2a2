// Every registration service error code through the ARM API: exact code, exact HTTP status, and
// proof that nothing was written (customer subscription rows, audit events, registrations).
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "./support/test-database";
import { armFetch, armUrl, bearer, readArm, type ArmErrorJson } from "./support/arm-client";
import { makeArmWorld, writeCounts, type ArmWorld } from "./support/arm-world";
import { makeRegistration, refOf } from "./support/registration-fixtures";
import { makeCspSubscription } from "./support/factories";
import { startTenantMetadataStub, type TenantMetadataStub } from "./support/tenant-metadata-stub";
import { setDatabaseForTests } from "../lib/db";
import {
  METADATA_RETRY_AFTER_SECONDS,
  REGISTRATION_ERROR_STATUS,
  type ArmRegistrationRef,
  type RegistrationErrorCode,
} from "../lib/registrations/registration-errors";
import type { Database } from "../lib/database/open-database";

let database: Database;
let world: ArmWorld;
let refs: Record<"approved" | "notRequested" | "pending" | "rejected" | "capacity", ArmRegistrationRef>;
let subs: Record<"customer" | "ea" | "apss" | "otherDirect" | "reseller" | "elsewhere", string>;

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabaseForTests(database);
  world = await makeArmWorld(database.prisma);
  const prisma = database.prisma;
  const base = { partnerId: world.partners.direct.id, subscriptionId: world.apss.direct.id };
  refs = {
    approved: refOf(await makeRegistration(prisma, { ...base, multiTenancyState: "APPROVED" })),
    notRequested: refOf(await makeRegistration(prisma, { ...base, multiTenancyState: "NOT_REQUESTED" })),
    pending: refOf(await makeRegistration(prisma, { ...base, multiTenancyState: "PENDING" })),
    rejected: refOf(await makeRegistration(prisma, { ...base, multiTenancyState: "REJECTED" })),
    capacity: refOf(await makeRegistration(prisma, { ...base, billingModel: "CAPACITY" })),
  };
  const ea = await prisma.azureSubscription.create({
    data: { id: randomUUID(), type: "EA", displayName: "Enterprise Agreement", customerId: world.customers.direct.customer.id },
  });
  // The partner's own customer also buys Azure through another CSP partner: that subscription rolls up there.
  const elsewhere = await makeCspSubscription(prisma, { customerId: world.customers.direct.customer.id, rollsUpToPartnerId: world.partners.otherDirect.id });
  subs = {
    customer: world.customers.direct.subscription.id,
    ea: ea.id,
    apss: world.apss.direct.id,
    otherDirect: world.customers.otherDirect.subscription.id,
    reseller: world.customers.resellerA.subscription.id,
    elsewhere: elsewhere.id,
  };
});
afterAll(() => database.close());

const putBody = JSON.stringify({ properties: {} });

/** Runs the call, checks the exact ARM error, and that nothing was written. */
async function expectRefused(call: () => Promise<Response>, code: RegistrationErrorCode, status: number): Promise<ArmErrorJson> {
  expect(REGISTRATION_ERROR_STATUS[code]).toBe(status);
  const before = await writeCounts(database.prisma);
  const { status: actual, body } = await readArm<ArmErrorJson>(await call());
  expect({ status: actual, code: body.error.code }).toEqual({ status, code });
  expect(body.error.message.length).toBeGreaterThan(10);
  expect(await writeCounts(database.prisma)).toEqual(before);
  return body;
}

const put = (ref: ArmRegistrationRef, csid: string, token = world.tokens.direct) =>
  armFetch(armUrl(ref, { customerSubscriptionId: csid }), { method: "PUT", headers: bearer(token), body: putBody });

describe("RegistrationNotFound (404)", () => {
  it.each([
    ["subscription", (ref: ArmRegistrationRef) => ({ ...ref, subscriptionId: randomUUID() })],
    ["resource group", (ref: ArmRegistrationRef) => ({ ...ref, resourceGroup: "no-such-rg" })],
    ["name", (ref: ArmRegistrationRef) => ({ ...ref, name: "azurestack-nope" })],
  ])("when the %s is wrong, echoing the three values given, for every operation", async (_what, wrong) => {
    const ref = wrong(refs.approved);
    const calls = [
      () => put(ref, subs.customer),
      () => armFetch(armUrl(ref, { customerSubscriptionId: subs.customer }), { headers: bearer(world.tokens.direct) }),
      () => armFetch(armUrl(ref, { customerSubscriptionId: subs.customer }), { method: "DELETE", headers: bearer(world.tokens.direct) }),
      () => armFetch(armUrl(ref, { customerSubscriptions: true }), { headers: bearer(world.tokens.direct) }),
      () => armFetch(armUrl(ref), { headers: bearer(world.tokens.direct) }),
    ];
    for (const call of calls) {
      const body = await expectRefused(call, "RegistrationNotFound", 404);
      for (const value of [ref.subscriptionId, ref.resourceGroup, ref.name]) expect(body.error.message).toContain(`(value provided: ${value})`);
    }
  });
});

describe("InvalidCustomerSubscriptionId (400)", () => {
  it("for a subscription that doesn't exist and a non-GUID, starting with the seed's exact sentence", async () => {
    for (const csid of [randomUUID(), "not-a-guid"]) {
      const body = await expectRefused(() => put(refs.approved, csid), "InvalidCustomerSubscriptionId", 400);
      expect(body.error.message.startsWith(`The '${csid}' is not valid. Make sure a valid Azure subscription is provided.`)).toBe(true);
    }
  });

  it.each(["otherDirect", "reseller"] as const)("for another partner's customer subscription (%s's), exactly as for one that doesn't exist", async (kind) => {
    const body = await expectRefused(() => put(refs.approved, subs[kind]), "InvalidCustomerSubscriptionId", 400);
    expect(body.error.message).toBe(
      `The '${subs[kind]}' is not valid. Make sure a valid Azure subscription is provided. Use the ID of a CSP subscription of one of your customers, a GUID such as 3f2504e0-4f89-41d3-9a0c-0305e82c3301.`,
    );
  });
});

describe("InvalidCSPSubscription (400)", () => {
  it.each(["ea", "apss"] as const)("for an existing %s subscription", async (kind) => {
    await expectRefused(() => put(refs.approved, subs[kind]), "InvalidCSPSubscription", 400);
  });
});

describe("BadCustomerSubscriptionId (400)", () => {
  it("for a CSP subscription of the partner's own customer that rolls up to another CSP partner", async () => {
    const body = await expectRefused(() => put(refs.approved, subs.elsewhere), "BadCustomerSubscriptionId", 400);
    expect(body.error.message).toContain(subs.elsewhere);
  });
});

describe("CustomerSubscriptionNotFound (404)", () => {
  it("for GET of a subscription never added (a DELETE of it answers 204: ARM deletes are idempotent)", async () => {
    const url = armUrl(refs.approved, { customerSubscriptionId: subs.customer });
    for (const method of ["GET"]) {
      const body = await expectRefused(() => armFetch(url, { method, headers: bearer(world.tokens.direct) }), "CustomerSubscriptionNotFound", 404);
      expect(body.error.message).toContain(subs.customer);
      expect(body.error.message).toContain(refs.approved.name);
    }
  });
});

describe("UnauthorizedCspRegistration (403)", () => {
  it.each(["notRequested", "pending", "rejected"] as const)("when multi-tenancy is %s", async (state) => {
    const body = await expectRefused(() => put(refs[state], subs.customer), "UnauthorizedCspRegistration", 403);
    expect(body.error.message.startsWith(`The provided ${refs[state].name} is not approved to use multi-tenancy.`)).toBe(true);
  });
});

describe("CustomerSubscriptionsNotAllowed (400)", () => {
  it("on a Capacity registration", async () => {
    await expectRefused(() => put(refs.capacity, subs.customer), "CustomerSubscriptionsNotAllowed", 400);
  });
});

describe("MetadataResolverBadGatewayError (502)", () => {
  let stub: TenantMetadataStub | undefined;
  const saved = { url: process.env.TENANT_METADATA_URL, timeout: process.env.TENANT_METADATA_TIMEOUT_MS };
  afterEach(async () => {
    await stub?.close();
    stub = undefined;
    if (saved.url === undefined) delete process.env.TENANT_METADATA_URL;
    else process.env.TENANT_METADATA_URL = saved.url;
    if (saved.timeout === undefined) delete process.env.TENANT_METADATA_TIMEOUT_MS;
    else process.env.TENANT_METADATA_TIMEOUT_MS = saved.timeout;
  });

  it.each(["error500", "hang"] as const)("when the tenant metadata service fails (%s), after one retry", async (behaviour) => {
    stub = await startTenantMetadataStub(behaviour);
    process.env.TENANT_METADATA_URL = stub.url;
    process.env.TENANT_METADATA_TIMEOUT_MS = "200";
    let retryAfter: string | null = null;
    await expectRefused(
      async () => {
        const response = await put(refs.approved, subs.customer);
        retryAfter = response.headers.get("retry-after");
        return response;
      },
      "MetadataResolverBadGatewayError",
      502,
    );
    expect(stub.calls()).toBe(2);
    // Transient: the answer says when to try again (clients such as Microsoft's SDK retry 5xx).
    expect(retryAfter).toBe(String(METADATA_RETRY_AFTER_SECONDS));
  });
});
