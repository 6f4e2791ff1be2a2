// Microsoft's own client, @azure/arm-azurestack (generated from the official Microsoft.AzureStack
// 2017-06-01 specification), driving the ARM-shaped API over HTTP: every operation it has that
// means something here, each of the eight registration error codes through the SDK's RestError,
// and every answer held against /api/openapi.json (path, method and status documented).
import { randomUUID } from "node:crypto";
import { AzureStackManagementClient } from "@azure/arm-azurestack";
import type { TokenCredential } from "@azure/core-auth";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "./support/test-database";
import { makeArmWorld, type ArmWorld } from "./support/arm-world";
import { makeCspSubscription, makeCustomer } from "./support/factories";
import { startArmHttpServer, type ArmHttpServer } from "./support/arm-http-server";
import { startTenantMetadataStub, type TenantMetadataStub } from "./support/tenant-metadata-stub";
import { setDatabaseForTests } from "../lib/db";
import { buildOpenApiDocument } from "../lib/arm/openapi";
import { ARM_PATH_PREFIX, compilePattern, matchPattern } from "../lib/arm/arm-path";
import { ARM_PATHS } from "../lib/arm/arm-route-patterns";
import { encodeRegistrationToken } from "../lib/registrations/encode-registration-token";
import { METADATA_RETRY_AFTER_SECONDS } from "../lib/registrations/registration-errors";
import type { Database } from "../lib/database/open-database";

let database: Database;
let world: ArmWorld;
let server: ArmHttpServer;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ??= "arm-sdk-test-secret";
  database = await createTestDatabase();
  setDatabaseForTests(database);
  world = await makeArmWorld(database.prisma);
  server = await startArmHttpServer();
});
afterAll(async () => {
  await server.close();
  await database.close();
});

/** An API token as the TokenCredential the SDK asks for (it sends it as `Authorization: Bearer`). */
const credentialOf = (token: string): TokenCredential => ({ getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }) });

function clientFor(partner: keyof ArmWorld["tokens"], subscriptionId: string, options: { retries?: boolean } = {}) {
  return new AzureStackManagementClient(credentialOf(world.tokens[partner]), subscriptionId, {
    baseUri: server.baseUri,
    noRetryPolicy: options.retries === false,
  });
}

const stampToken = (overrides: Partial<Parameters<typeof encodeRegistrationToken>[0]> = {}) =>
  encodeRegistrationToken({
    CloudId: randomUUID(),
    ObjectId: randomUUID(),
    BillingModel: "PayAsYouUse",
    UsageReportingEnabled: true,
    MarketplaceSyndicationEnabled: false,
    AgreementNumber: null,
    ...overrides,
  });

/** The RestError's code of a refused call (the SDK throws it from the ARM error body). */
async function codeOf(call: Promise<unknown>): Promise<{ code: string; statusCode: number; retryAfter?: string | null }> {
  try {
    await call;
  } catch (error) {
    const rest = error as { code?: string; statusCode?: number; response?: { headers?: { get(name: string): string | undefined } } };
    return { code: rest.code ?? "", statusCode: rest.statusCode ?? 0, retryAfter: rest.response?.headers?.get("retry-after") ?? null };
  }
  throw new Error("the call succeeded");
}

async function approve(registrationName: string) {
  await database.prisma.registration.updateMany({ where: { name: registrationName }, data: { multiTenancyState: "APPROVED" } });
}

describe("@azure/arm-azurestack against the API", () => {
  it("runs every registration, customer subscription, product and operation call the SDK has", async () => {
    const client = clientFor("direct", world.apss.direct.id);
    const resourceGroup = "azurestack";
    const cloudId = randomUUID();
    const name = `azurestack-${cloudId}`;
    const token = stampToken({ CloudId: cloudId });

    const operations = await client.operations.list();
    expect(operations.map((operation) => operation.name)).toContain("Microsoft.AzureStack/registrations/read");

    const created = await client.registrations.createOrUpdate(resourceGroup, name, { registrationToken: token, location: "global" });
    expect(created._response.status).toBe(201);
    expect(created).toMatchObject({ name, cloudId, billingModel: "PayAsYouUse", location: "global", type: "Microsoft.AzureStack/registrations" });
    expect(created.etag).toMatch(/^"[0-9a-f-]{36}"$/);
    expect(created.id).toBe(`/subscriptions/${world.apss.direct.id}/resourceGroups/${resourceGroup}/providers/Microsoft.AzureStack/registrations/${name}`);
    const again = await client.registrations.createOrUpdate(resourceGroup, name, { registrationToken: token, location: "global" });
    expect(again._response.status).toBe(200);
    expect(again.etag).toBe(created.etag);

    expect(await client.registrations.get(resourceGroup, name)).toMatchObject({ name, cloudId, objectId: created.objectId });
    const listed = await client.registrations.list(resourceGroup);
    expect(listed.map((registration) => registration.name)).toContain(name);
    const patched = await client.registrations.update(resourceGroup, name, { registrationToken: token, location: "global" });
    expect(patched).toMatchObject({ name, billingModel: "PayAsYouUse" });
    const key = await client.registrations.getActivationKey(resourceGroup, name);
    expect(key.activationKey?.split(".")).toHaveLength(3);

    await approve(name);
    const { customer, subscription } = world.customers.direct;
    // Without a tenantId (the SDK sends {}), the tenant is resolved from the subscription.
    const added = await client.customerSubscriptions.create(resourceGroup, name, subscription.id, {});
    expect(added._response.status).toBe(200);
    expect(added).toMatchObject({ name: subscription.id, tenantId: customer.tenantId, type: "Microsoft.AzureStack/registrations/customerSubscriptions" });
    const withTenant = await client.customerSubscriptions.create(resourceGroup, name, subscription.id, { tenantId: customer.tenantId });
    expect(withTenant._response.status).toBe(200);
    expect(await client.customerSubscriptions.get(resourceGroup, name, subscription.id)).toMatchObject({ tenantId: customer.tenantId });
    expect((await client.customerSubscriptions.list(resourceGroup, name)).map((item) => item.name)).toEqual([subscription.id]);
    expect(await client.products.list(resourceGroup, name)).toHaveLength(0);

    // A registration with tenants can't go; once they are removed (twice: idempotent), it can.
    expect(await codeOf(client.registrations.deleteMethod(resourceGroup, name))).toMatchObject({
      code: "RegistrationHasCustomerSubscriptions",
      statusCode: 409,
    });
    expect((await client.customerSubscriptions.deleteMethod(resourceGroup, name, subscription.id))._response.status).toBe(200);
    expect((await client.customerSubscriptions.deleteMethod(resourceGroup, name, subscription.id))._response.status).toBe(204);
    expect((await client.registrations.deleteMethod(resourceGroup, name))._response.status).toBe(200);
    expect((await client.registrations.deleteMethod(resourceGroup, name))._response.status).toBe(204);
    expect(await codeOf(client.registrations.get(resourceGroup, name))).toMatchObject({ code: "RegistrationNotFound", statusCode: 404 });
    expect(await database.prisma.auditEvent.count({ where: { action: "registration.delete" } })).toBe(1);
  });

  it("follows nextLink through pages of customer subscriptions", async () => {
    const client = clientFor("otherDirect", world.apss.otherDirect.id);
    const name = `azurestack-${randomUUID()}`;
    await client.registrations.createOrUpdate("rg-pages", name, { registrationToken: stampToken(), location: "global" });
    await approve(name);
    const expected: string[] = [];
    for (let i = 0; i < 3; i++) {
      const customer = await makeCustomer(database.prisma, { partnerId: world.partners.otherDirect.id });
      const subscription = await makeCspSubscription(database.prisma, { customerId: customer.id, rollsUpToPartnerId: world.partners.otherDirect.id });
      await client.customerSubscriptions.create("rg-pages", name, subscription.id, {});
      expected.push(subscription.id);
    }
    const response = await fetch(
      `${server.baseUri}${ARM_PATHS.customerSubscriptions.replace("{subscriptionId}", world.apss.otherDirect.id).replace("{resourceGroup}", "rg-pages").replace("{registrationName}", name)}?api-version=2017-06-01&$top=2`,
      {
        headers: { authorization: `Bearer ${world.tokens.otherDirect}` },
      },
    );
    const first = (await response.json()) as { nextLink: string };
    const rest = await client.customerSubscriptions.listNext(first.nextLink);
    expect(rest.map((item) => item.name)).toEqual(expected.slice(2));
  });
});

describe("the eight registration error codes, as the SDK's RestError.code", () => {
  const stub: { current?: TenantMetadataStub } = {};
  afterEach(async () => {
    await stub.current?.close();
    stub.current = undefined;
    delete process.env.TENANT_METADATA_URL;
    delete process.env.TENANT_METADATA_TIMEOUT_MS;
  });

  it("answers each code with its status", async () => {
    const client = clientFor("direct", world.apss.direct.id);
    const approved = `azurestack-${randomUUID()}`;
    const unapproved = `azurestack-${randomUUID()}`;
    const capacity = `azurestack-${randomUUID()}`;
    await client.registrations.createOrUpdate("rg-codes", approved, { registrationToken: stampToken(), location: "global" });
    await approve(approved);
    await client.registrations.createOrUpdate("rg-codes", unapproved, { registrationToken: stampToken(), location: "global" });
    await client.registrations.createOrUpdate("rg-codes", capacity, {
      registrationToken: stampToken({ BillingModel: "Capacity", UsageReportingEnabled: false, AgreementNumber: "AZS-CAP-9" }),
      location: "global",
    });
    const elsewhere = await makeCspSubscription(database.prisma, {
      customerId: world.customers.direct.customer.id,
      rollsUpToPartnerId: world.partners.otherDirect.id,
    });
    const own = world.customers.direct.subscription.id;

    expect(await codeOf(client.registrations.get("rg-codes", "azurestack-nope"))).toMatchObject({ code: "RegistrationNotFound", statusCode: 404 });
    expect(await codeOf(client.customerSubscriptions.create("rg-codes", approved, randomUUID(), {}))).toMatchObject({
      code: "InvalidCustomerSubscriptionId",
      statusCode: 400,
    });
    expect(await codeOf(client.customerSubscriptions.create("rg-codes", approved, world.apss.direct.id, {}))).toMatchObject({
      code: "InvalidCSPSubscription",
      statusCode: 400,
    });
    expect(await codeOf(client.customerSubscriptions.create("rg-codes", approved, elsewhere.id, {}))).toMatchObject({
      code: "BadCustomerSubscriptionId",
      statusCode: 400,
    });
    expect(await codeOf(client.customerSubscriptions.get("rg-codes", approved, own))).toMatchObject({ code: "CustomerSubscriptionNotFound", statusCode: 404 });
    expect(await codeOf(client.customerSubscriptions.create("rg-codes", unapproved, own, {}))).toMatchObject({
      code: "UnauthorizedCspRegistration",
      statusCode: 403,
    });
    expect(await codeOf(client.customerSubscriptions.create("rg-codes", capacity, own, {}))).toMatchObject({
      code: "CustomerSubscriptionsNotAllowed",
      statusCode: 400,
    });

    stub.current = await startTenantMetadataStub("error500");
    process.env.TENANT_METADATA_URL = stub.current.url;
    process.env.TENANT_METADATA_TIMEOUT_MS = "500";
    // The SDK retries a 5xx (30 s apart by default); this client doesn't, to keep the test short.
    const once = clientFor("direct", world.apss.direct.id, { retries: false });
    expect(await codeOf(once.customerSubscriptions.create("rg-codes", approved, own, {}))).toEqual({
      code: "MetadataResolverBadGatewayError",
      statusCode: 502,
      retryAfter: String(METADATA_RETRY_AFTER_SECONDS),
    });
  });

  it("refuses a bad registration token with InvalidRegistrationToken, and the ASDK's Development model", async () => {
    const client = clientFor("direct", world.apss.direct.id);
    for (const registrationToken of ["not base64!", Buffer.from("{}").toString("base64"), stampToken({ BillingModel: "Development" })]) {
      expect(
        await codeOf(client.registrations.createOrUpdate("rg-tokens", `azurestack-${randomUUID()}`, { registrationToken, location: "global" })),
      ).toMatchObject({
        code: "InvalidRegistrationToken",
        statusCode: 400,
      });
    }
  });
});

describe("the OpenAPI document", () => {
  it("documents every path, method and status the SDK was answered with above", () => {
    const document = buildOpenApiDocument();
    const patterns = Object.values(ARM_PATHS).map(compilePattern);
    expect(server.exchanges.length).toBeGreaterThan(30);
    for (const exchange of server.exchanges) {
      const segments = exchange.path.slice(ARM_PATH_PREFIX.length).split("/").slice(1);
      const pattern = patterns.find((candidate) => matchPattern(candidate, segments));
      expect(pattern, exchange.path).toBeDefined();
      const operation = document.paths[`${ARM_PATH_PREFIX}${pattern?.pattern}`]?.[exchange.method.toLowerCase() as "get"];
      expect(operation, `${exchange.method} ${pattern?.pattern}`).toBeDefined();
      expect(Object.keys(operation?.responses ?? {}), `${exchange.method} ${exchange.path}`).toContain(String(exchange.status));
    }
  });
});
