// The ARM-shaped API driven like New-AzureRmResource would drive it: real route handlers, real
// Request/Response objects, bearer tokens, api-version, ARM bodies and nextLink paging, against a
// fresh database. (Every registration error code has its own file: arm-api-errors.test.ts.)
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "./support/test-database";
import { API_VERSION, ARM_ORIGIN, armFetch, armUrl, bearer, readArm, type ArmErrorJson } from "./support/arm-client";
import { makeArmWorld, writeCounts, type ArmWorld } from "./support/arm-world";
import { makeCspSubscription, makeCustomer } from "./support/factories";
import { makeApiToken, makeRegistration, refOf } from "./support/registration-fixtures";
import { setDatabaseForTests } from "../lib/db";
import type { ArmRegistrationRef } from "../lib/registrations/registration-errors";
import type { Database } from "../lib/database/open-database";

let database: Database;
let world: ArmWorld;
let ref: ArmRegistrationRef;

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabaseForTests(database);
  world = await makeArmWorld(database.prisma);
  ref = refOf(await makeRegistration(database.prisma, { partnerId: world.partners.direct.id, subscriptionId: world.apss.direct.id }));
});
afterAll(() => database.close());

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CS_TYPE = "Microsoft.AzureStack/registrations/customerSubscriptions";
const csBody = (tenantId?: string) => JSON.stringify({ properties: tenantId ? { tenantId } : {} });
const registrationId = (r: ArmRegistrationRef) =>
  `/subscriptions/${r.subscriptionId}/resourceGroups/${r.resourceGroup}/providers/Microsoft.AzureStack/registrations/${r.name}`;

async function armCall<T = ArmErrorJson>(url: string, init: RequestInit = {}) {
  const response = await armFetch(url, init);
  return { ...(await readArm<T>(response)), headers: response.headers };
}

describe("authentication and api-version", () => {
  it("answers 401 AuthenticationFailed without a token, or with a malformed, unknown or revoked one", async () => {
    const revoked = await makeApiToken(database.prisma, {
      partnerId: world.partners.direct.id,
      createdByUserId: world.users.direct.ADMIN_AGENT,
      revokedAt: new Date(),
    });
    const headers: Record<string, string>[] = [
      {},
      { authorization: "Bearer" },
      { authorization: "Bearer not-a-token" },
      { authorization: `Basic ${world.tokens.direct}` },
      { authorization: `Bearer sc_${"x".repeat(43)}` },
      { authorization: `Bearer ${revoked.token}` },
    ];
    const before = await writeCounts(database.prisma);
    for (const header of headers) {
      for (const [url, method] of [
        [armUrl(ref), "GET"],
        [armUrl(ref, { customerSubscriptionId: world.customers.direct.subscription.id }), "PUT"],
      ]) {
        const { status, body, headers: responseHeaders } = await armCall(url, { method, headers: header, body: method === "PUT" ? csBody() : undefined });
        expect(status, JSON.stringify(header)).toBe(401);
        expect(body.error.code).toBe("AuthenticationFailed");
        expect(responseHeaders.get("www-authenticate")).toMatch(/^Bearer/);
        expect(responseHeaders.get("x-ms-request-id")).toMatch(GUID);
      }
    }
    expect(await writeCounts(database.prisma)).toEqual(before);
  });

  it("answers 400 MissingApiVersionParameter / InvalidApiVersionParameter on every route", async () => {
    const csid = world.customers.direct.subscription.id;
    const urls = (apiVersion: string | null) => [
      armUrl(ref, { apiVersion }),
      armUrl(ref, { customerSubscriptions: true, apiVersion }),
      armUrl(ref, { customerSubscriptionId: csid, apiVersion }),
    ];
    for (const [apiVersion, code] of [
      [null, "MissingApiVersionParameter"],
      ["2099-01-01", "InvalidApiVersionParameter"],
      ["2015-06-01-preview", "InvalidApiVersionParameter"],
    ] as const) {
      for (const url of urls(apiVersion)) {
        const { status, body } = await armCall(url, { headers: bearer(world.tokens.direct) });
        expect({ status, code: body.error.code }).toEqual({ status: 400, code });
        if (apiVersion) expect(body.error.message).toContain(API_VERSION);
      }
    }
  });

  it("answers 400 InvalidRequestContent to a body that isn't a JSON object, and ValidationFailed with details to bad values", async () => {
    const url = armUrl(ref, { customerSubscriptionId: world.customers.direct.subscription.id });
    const before = await writeCounts(database.prisma);
    // An empty body is `{}` here (the SDK sends none without a tenantId): see the SDK suite.
    for (const body of ["{not json", "[1,2]", "null", '"text"']) {
      const response = await armCall(url, { method: "PUT", headers: bearer(world.tokens.direct), body });
      expect({ status: response.status, code: response.body.error.code }).toEqual({ status: 400, code: "InvalidRequestContent" });
    }
    const bad = await armCall(url, { method: "PUT", headers: bearer(world.tokens.direct), body: JSON.stringify({ properties: { tenantId: "nope" } }) });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      code: "ValidationFailed",
      details: [{ code: "ValidationFailed", target: "properties.tenantId", message: expect.any(String) }],
    });
    const wrongTenant = await armCall(url, { method: "PUT", headers: bearer(world.tokens.direct), body: csBody(randomUUID()) });
    expect(wrongTenant.body.error).toMatchObject({ code: "ValidationFailed", details: [{ target: "properties.tenantId" }] });
    const top = await armCall(armUrl(ref, { customerSubscriptions: true, query: { $top: "0" } }), { headers: bearer(world.tokens.direct) });
    expect({ status: top.status, code: top.body.error.code }).toEqual({ status: 400, code: "InvalidQueryParameterValue" });
    expect(await writeCounts(database.prisma)).toEqual(before);
  });
});

describe("customer subscriptions, as New-AzureRmResource adds, verifies, lists and removes them", () => {
  it("PUT 200 → PUT 200 → replace 200 → GET 200 → paged list → DELETE 200 → GET 404 → DELETE 204", async () => {
    const prisma = database.prisma;
    const { customer, subscription } = world.customers.direct;
    const sameTenant = await makeCspSubscription(prisma, { customerId: customer.id, rollsUpToPartnerId: world.partners.direct.id });
    const headers = bearer(world.tokens.direct);
    const url = (csid: string) => armUrl(ref, { customerSubscriptionId: csid });
    const audits = (action: string) => prisma.auditEvent.count({ where: { action, targetType: "Registration" } });

    // The official spec (CustomerSubscription.json) answers a PUT with 200 only, added or not.
    const created = await armCall(url(subscription.id), { method: "PUT", headers, body: csBody(customer.tenantId) });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      id: `${registrationId(ref)}/customerSubscriptions/${subscription.id}`,
      name: subscription.id,
      type: CS_TYPE,
      properties: { tenantId: customer.tenantId },
    });
    expect(await audits("registration.customerSubscription.add")).toBe(1);

    const auditCount = await prisma.auditEvent.count();
    const again = await armCall(url(subscription.id), { method: "PUT", headers, body: csBody(customer.tenantId) });
    expect(again).toMatchObject({ status: 200, body: created.body });
    expect(await prisma.auditEvent.count()).toBe(auditCount);

    // One subscription per tenant per registration: a second one for the same tenant replaces the first.
    const replaced = await armCall(url(sameTenant.id), { method: "PUT", headers, body: csBody() });
    expect(replaced).toMatchObject({ status: 200, body: { name: sameTenant.id, properties: { tenantId: customer.tenantId } } });
    const replaceAudit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "registration.customerSubscription.replace" } });
    expect(replaceAudit).toMatchObject({
      actorUserId: world.users.direct.ADMIN_AGENT,
      before: { customerSubscriptionId: subscription.id },
      after: { customerSubscriptionId: sameTenant.id },
    });
    expect((await armCall(url(subscription.id), { headers })).body.error.code).toBe("CustomerSubscriptionNotFound");
    expect(await armCall(url(sameTenant.id), { headers })).toMatchObject({ status: 200, body: replaced.body });

    const more: string[] = [];
    for (let i = 0; i < 3; i++) {
      const other = await makeCustomer(prisma, { partnerId: world.partners.direct.id });
      const otherSub = await makeCspSubscription(prisma, { customerId: other.id, rollsUpToPartnerId: world.partners.direct.id });
      expect((await armCall(url(otherSub.id), { method: "PUT", headers, body: csBody(other.tenantId) })).status).toBe(200);
      more.push(otherSub.id);
    }

    type Page = { value: { id: string; name: string; type: string; properties: { tenantId: string } }[]; nextLink: string | null };
    const pages: Page[] = [];
    let next: string | null = armUrl(ref, { customerSubscriptions: true, query: { $top: "3" } });
    while (next) {
      const page: { status: number; body: Page } = await armCall<Page>(next, { headers });
      expect(page.status).toBe(200);
      pages.push(page.body);
      next = page.body.nextLink;
    }
    expect(pages.map((page) => page.value.length)).toEqual([3, 1]);
    expect(pages[0].nextLink).toBe(`${armUrl(ref, { customerSubscriptions: true, query: { $top: "3" } })}&$skipToken=3`);
    const listed = pages.flatMap((page) => page.value);
    expect(listed.map((item) => item.name).sort()).toEqual([sameTenant.id, ...more].sort());
    for (const item of listed) expect(item).toMatchObject({ id: `${registrationId(ref)}/customerSubscriptions/${item.name}`, type: CS_TYPE });
    const whole = await armCall<Page>(armUrl(ref, { customerSubscriptions: true }), { headers });
    expect(whole.body).toEqual({ value: listed, nextLink: null });

    const deleted = await armFetch(url(sameTenant.id), { method: "DELETE", headers });
    expect(deleted.status).toBe(200);
    expect(await deleted.text()).toBe("");
    expect(await audits("registration.customerSubscription.remove")).toBe(1);
    const gone = await armCall(url(sameTenant.id), { headers });
    expect({ status: gone.status, code: gone.body.error.code }).toEqual({ status: 404, code: "CustomerSubscriptionNotFound" });
    // ARM deletes are idempotent: a repeated DELETE answers 204 and writes nothing.
    const auditsBefore = await prisma.auditEvent.count();
    const again204 = await armFetch(url(sameTenant.id), { method: "DELETE", headers });
    expect({ status: again204.status, text: await again204.text() }).toEqual({ status: 204, text: "" });
    expect(await prisma.auditEvent.count()).toBe(auditsBefore);
  });
});

describe("nextLink behind a reverse proxy", () => {
  it("points at the configured public URL (NEXTAUTH_URL), never at a client's X-Forwarded-Host, keeping its query", async () => {
    const prisma = database.prisma;
    const registration = await makeRegistration(prisma, { partnerId: world.partners.otherDirect.id, subscriptionId: world.apss.otherDirect.id });
    for (let i = 0; i < 2; i++) {
      const customer = await makeCustomer(prisma, { partnerId: world.partners.otherDirect.id });
      const subscription = await makeCspSubscription(prisma, { customerId: customer.id, rollsUpToPartnerId: world.partners.otherDirect.id });
      await prisma.customerSubscriptionRegistration.create({
        data: { registrationId: registration.id, customerSubscriptionId: subscription.id, tenantId: customer.tenantId },
      });
    }
    const url = armUrl(refOf(registration), { customerSubscriptions: true, query: { $top: "1" } });
    const headers = bearer(world.tokens.otherDirect, { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" });
    const previous = process.env.NEXTAUTH_URL;
    try {
      for (const [configured, origin] of [
        ["https://stack.example:8443", "https://stack.example:8443"],
        ["https://stack.example/", "https://stack.example"],
      ]) {
        process.env.NEXTAUTH_URL = configured;
        const page = await armCall<{ nextLink: string }>(url.replace("stackcenter.test", "stackcenter.test:3000"), { headers });
        expect(page.body.nextLink).toBe(`${url.replace("http://stackcenter.test", origin)}&$skipToken=1`);
      }
      delete process.env.NEXTAUTH_URL;
      const page = await armCall<{ nextLink: string }>(url, { headers });
      expect(page.body.nextLink).toBe(`${url}&$skipToken=1`);
    } finally {
      if (previous === undefined) delete process.env.NEXTAUTH_URL;
      else process.env.NEXTAUTH_URL = previous;
    }
  });
});

type RegistrationJson = { id: string; name: string; type: string; location: string; properties: Record<string, unknown> };

describe("the registration resource", () => {
  it("GET returns the ARM registration, whatever the case of the resource group and name", async () => {
    const row = await database.prisma.registration.findFirstOrThrow({ where: { name: ref.name } });
    const expected = {
      id: registrationId(ref),
      name: ref.name,
      type: "Microsoft.AzureStack/registrations",
      location: "global",
      properties: {
        objectId: row.objectId,
        cloudId: row.cloudDeploymentId,
        billingModel: "PayAsYouUse",
        usageReportingEnabled: true,
        marketplaceSyndicationEnabled: false,
      },
    };
    expect(await armCall(armUrl(ref), { headers: bearer(world.tokens.direct) })).toMatchObject({ status: 200, body: expected });
    const shouted = { ...ref, resourceGroup: ref.resourceGroup.toUpperCase(), name: ref.name.toUpperCase() };
    expect(await armCall(armUrl(shouted), { headers: bearer(world.tokens.direct) })).toMatchObject({ status: 200, body: expected });
  });

  it("PUT registers (201), repeats idempotently (200, no audit), re-registers as Capacity (200), and refuses a different cloudId (409)", async () => {
    const prisma = database.prisma;
    const cloudId = randomUUID();
    const newRef = { subscriptionId: world.apss.direct.id, resourceGroup: "azurestack-api", name: `azurestack-${cloudId}` };
    const headers = bearer(world.tokens.direct);
    const put = (properties: Record<string, unknown>) =>
      armCall<RegistrationJson & ArmErrorJson>(armUrl(newRef), { method: "PUT", headers, body: JSON.stringify({ location: "global", properties }) });

    const created = await put({ cloudId, billingModel: "PayAsYouUse" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: registrationId(newRef),
      name: newRef.name,
      location: "global",
      properties: { cloudId, billingModel: "PayAsYouUse", usageReportingEnabled: true, marketplaceSyndicationEnabled: false },
    });
    expect(created.body.properties.objectId).toMatch(GUID);
    expect(await prisma.registration.findFirst({ where: { cloudDeploymentId: cloudId } })).toMatchObject({
      partnerId: world.partners.direct.id,
      multiTenancyState: "NOT_REQUESTED",
    });

    const audits = await prisma.auditEvent.count();
    expect(await put({ cloudId, billingModel: "PayAsYouUse" })).toMatchObject({ status: 200, body: created.body });
    expect(await prisma.auditEvent.count()).toBe(audits);

    const noAgreement = await put({ cloudId, billingModel: "Capacity" });
    expect(noAgreement.status).toBe(400);
    expect(noAgreement.body.error).toMatchObject({ code: "ValidationFailed", details: [{ target: "properties.agreementNumber" }] });
    const capacity = await put({ cloudId, billingModel: "Capacity", agreementNumber: "AZS-CAP-1" });
    expect(capacity).toMatchObject({ status: 200, body: { properties: { billingModel: "Capacity", usageReportingEnabled: false } } });
    expect(await prisma.auditEvent.count({ where: { action: "registration.reregister" } })).toBe(1);

    const before = await writeCounts(prisma);
    const otherStamp = await put({ cloudId: randomUUID(), billingModel: "Capacity", agreementNumber: "AZS-CAP-1" });
    expect({ status: otherStamp.status, code: otherStamp.body.error.code }).toEqual({ status: 409, code: "Conflict" });
    const development = await put({ cloudId, billingModel: "Development" });
    expect(development.body.error).toMatchObject({ code: "ValidationFailed", details: [{ target: "properties.billingModel" }] });
    expect(await writeCounts(prisma)).toEqual(before);
  });

  it("PUT refuses another partner's subscription (400), an already registered stamp (409), and Capacity while tenants are registered (409)", async () => {
    const prisma = database.prisma;
    const headers = bearer(world.tokens.direct);
    const put = (r: ArmRegistrationRef, properties: Record<string, unknown>) =>
      armCall(armUrl(r), { method: "PUT", headers, body: JSON.stringify({ properties }) });
    const before = await writeCounts(prisma);

    const foreign = await put(
      { subscriptionId: world.apss.otherDirect.id, resourceGroup: "rg", name: "stamp" },
      { cloudId: randomUUID(), billingModel: "PayAsYouUse" },
    );
    expect(foreign).toMatchObject({ status: 400, body: { error: { code: "ValidationFailed", details: [{ target: "subscriptionId" }] } } });

    const existing = await prisma.registration.findFirstOrThrow({ where: { name: ref.name } });
    const twice = await put({ ...ref, name: "another-name" }, { cloudId: existing.cloudDeploymentId, billingModel: "PayAsYouUse" });
    expect(twice).toMatchObject({ status: 409, body: { error: { code: "Conflict", details: [{ target: "properties.cloudId" }] } } });

    const tenant = world.customers.direct;
    const withTenant = refOf(await makeRegistration(prisma, { partnerId: world.partners.direct.id, subscriptionId: world.apss.direct.id }));
    expect((await armCall(armUrl(withTenant, { customerSubscriptionId: tenant.subscription.id }), { method: "PUT", headers, body: csBody() })).status).toBe(
      200,
    );
    const after = await writeCounts(prisma);
    const row = await prisma.registration.findFirstOrThrow({ where: { name: withTenant.name } });
    const toCapacity = await put(withTenant, { cloudId: row.cloudDeploymentId, billingModel: "Capacity", agreementNumber: "AZS-CAP-2" });
    expect(toCapacity).toMatchObject({ status: 409, body: { error: { code: "Conflict", details: [{ target: "properties.billingModel" }] } } });
    expect(await writeCounts(prisma)).toEqual(after);
    expect(after.registrations).toBe(before.registrations + 1);
  });
});

describe("tenant isolation through the API", () => {
  it("answers another partner's registration path with RegistrationNotFound and never its data", async () => {
    const prisma = database.prisma;
    // A name that doesn't embed the cloudId: the 404 echoes the path the caller sent, nothing more.
    const theirs = await makeRegistration(prisma, {
      partnerId: world.partners.distributor.id,
      subscriptionId: world.apss.distributor.id,
      overrides: { name: "northwind-chicago" },
    });
    const theirTenant = world.customers.resellerA;
    await prisma.customerSubscriptionRegistration.create({
      data: { registrationId: theirs.id, customerSubscriptionId: theirTenant.subscription.id, tenantId: theirTenant.customer.tenantId },
    });
    const theirRef = refOf(theirs);
    const csUrl = armUrl(theirRef, { customerSubscriptionId: theirTenant.subscription.id });
    const before = await writeCounts(prisma);
    for (const intruder of ["direct", "otherDirect", "resellerA", "resellerB"] as const) {
      const headers = bearer(world.tokens[intruder]);
      for (const [url, method] of [
        [armUrl(theirRef), "GET"],
        [armUrl(theirRef, { customerSubscriptions: true }), "GET"],
        [csUrl, "GET"],
        [csUrl, "PUT"],
        [csUrl, "DELETE"],
      ]) {
        const response = await armFetch(url, { method, headers, body: method === "PUT" ? csBody() : undefined });
        const text = await response.text();
        expect({ intruder, method, status: response.status, code: (JSON.parse(text) as ArmErrorJson).error.code }).toEqual({
          intruder,
          method,
          status: 404,
          code: "RegistrationNotFound",
        });
        for (const secret of [theirs.cloudDeploymentId, theirs.objectId, theirTenant.customer.tenantId]) expect(text).not.toContain(secret);
      }
      const hijack = await armCall(armUrl(theirRef), {
        method: "PUT",
        headers,
        body: JSON.stringify({ properties: { cloudId: theirs.cloudDeploymentId, billingModel: "Capacity", agreementNumber: "X" } }),
      });
      expect(hijack.status).toBe(400);
    }
    expect(await writeCounts(prisma)).toEqual(before);
    // The distributor's own token sees it, with the tenant of its reseller's customer.
    const list = await armCall<{ value: { name: string }[] }>(armUrl(theirRef, { customerSubscriptions: true }), { headers: bearer(world.tokens.distributor) });
    expect(list).toMatchObject({ status: 200, body: { value: [{ name: theirTenant.subscription.id }] } });
  });

  it("lets a distributor's token reach a registration of its reseller", async () => {
    const resellers = await makeRegistration(database.prisma, { partnerId: world.partners.resellerA.id, subscriptionId: world.apss.distributor.id });
    expect((await armCall(armUrl(refOf(resellers)), { headers: bearer(world.tokens.distributor) })).status).toBe(200);
    expect((await armCall(armUrl(refOf(resellers)), { headers: bearer(world.tokens.resellerB) })).status).toBe(404);
  });
});

describe("ARM routing", () => {
  const headers = () => bearer(world.tokens.direct);

  it("matches segment names, names and GUIDs case-insensitively, and answers normalised ids", async () => {
    const { subscription, customer } = world.customers.direct;
    const csUrl = armUrl(ref, { customerSubscriptionId: subscription.id });
    expect((await armCall(csUrl, { method: "PUT", headers: headers(), body: "{}" })).status).toBe(200);
    const shouting = csUrl
      .replace("/resourceGroups/", "/resourcegroups/")
      .replace("/Microsoft.AzureStack/", "/microsoft.azurestack/")
      .replace("/registrations/", "/Registrations/")
      .replace("/customerSubscriptions/", "/customersubscriptions/")
      .replace(ref.subscriptionId, ref.subscriptionId.toUpperCase())
      .replace(subscription.id, subscription.id.toUpperCase())
      .replace(ref.name, ref.name.toUpperCase());
    const got = await armCall<{ id: string; name: string; properties: { tenantId: string } }>(shouting, { headers: headers() });
    expect(got).toMatchObject({
      status: 200,
      body: { id: `${registrationId(ref)}/customerSubscriptions/${subscription.id}`, name: subscription.id, properties: { tenantId: customer.tenantId } },
    });
    expect((await armFetch(shouting, { method: "DELETE", headers: headers() })).status).toBe(200);
  });

  it("answers unknown paths, methods and malformed URIs with ARM errors, never HTML", async () => {
    const base = `${ARM_ORIGIN}/api/arm`;
    const cases: [string, string, number, string][] = [
      [
        "GET",
        `${base}/subscriptions/${ref.subscriptionId}/providers/Microsoft.Compute/virtualMachines?api-version=${API_VERSION}`,
        400,
        "NoRegisteredProviderFound",
      ],
      [
        "GET",
        `${base}/subscriptions/${ref.subscriptionId}/resourceGroups/rg/providers/Microsoft.AzureStack/edgeSubscriptions?api-version=${API_VERSION}`,
        404,
        "InvalidResourceType",
      ],
      ["GET", `${base}/nothing/here`, 404, "InvalidResourceType"],
      ["POST", armUrl(ref), 405, "MethodNotAllowed"],
      [
        "GET",
        `${base}/subscriptions/northwind-chicago/resourceGroups/rg/providers/Microsoft.AzureStack/registrations/x?api-version=${API_VERSION}`,
        400,
        "InvalidSubscriptionId",
      ],
      [
        "GET",
        `${base}/subscriptions/%zz/resourceGroups/rg/providers/Microsoft.AzureStack/registrations/x?api-version=${API_VERSION}`,
        400,
        "InvalidRequestUri",
      ],
      [
        "GET",
        `${base}/subscriptions/${ref.subscriptionId}/resourceGroups/%C0%AF/providers/Microsoft.AzureStack/registrations/x?api-version=${API_VERSION}`,
        400,
        "InvalidRequestUri",
      ],
    ];
    for (const [method, url, status, code] of cases) {
      const response = await armFetch(url, { method, headers: headers() });
      expect(response.headers.get("content-type"), url).toContain("application/json");
      const body = (await response.json()) as ArmErrorJson;
      expect({ url, status: response.status, code: body.error.code }).toEqual({ url, status, code });
    }
    const notAllowed = await armFetch(armUrl(ref), { method: "POST", headers: headers() });
    expect(notAllowed.headers.get("allow")).toBe("GET, PUT, PATCH, DELETE");
  });

  it("echoes the client's request ids and always sends its own", async () => {
    const clientRequestId = randomUUID();
    const correlation = randomUUID();
    const response = await armFetch(armUrl(ref), {
      headers: bearer(world.tokens.direct, { "x-ms-client-request-id": clientRequestId, "x-ms-correlation-request-id": correlation }),
    });
    expect(response.headers.get("x-ms-client-request-id")).toBe(clientRequestId);
    expect(response.headers.get("x-ms-correlation-request-id")).toBe(correlation);
    expect(response.headers.get("x-ms-request-id")).toMatch(GUID);
    const injected = await armFetch(armUrl(ref), { headers: bearer(world.tokens.direct, { "x-ms-client-request-id": "a b<script>" }) });
    expect(injected.headers.get("x-ms-client-request-id")).toBeNull();
    expect(injected.headers.get("x-ms-correlation-request-id")).toMatch(GUID);
  });

  it("PATCH replaces the tags (audited once), PUT without tags keeps them, and the etag follows every write", async () => {
    const url = armUrl(ref);
    const before = await armCall<{ etag: string; tags: Record<string, string> }>(url, { headers: headers() });
    const patched = await armCall<{ etag: string; tags: Record<string, string> }>(url, {
      method: "PATCH",
      headers: headers(),
      body: JSON.stringify({ tags: { costCenter: "42" } }),
    });
    expect(patched.body.tags).toEqual({ costCenter: "42" });
    expect(patched.body.etag).not.toBe(before.body.etag);
    const same = await armCall<{ etag: string }>(url, { method: "PATCH", headers: headers(), body: JSON.stringify({ tags: { costCenter: "42" } }) });
    expect(same.body.etag).toBe(patched.body.etag);
    expect(await database.prisma.auditEvent.count({ where: { action: "registration.tags.update" } })).toBe(1);
    const row = await database.prisma.registration.findFirstOrThrow({ where: { name: ref.name } });
    const put = await armCall<{ tags: Record<string, string> }>(url, {
      method: "PUT",
      headers: headers(),
      body: JSON.stringify({ location: "global", properties: { cloudId: row.cloudDeploymentId, billingModel: "PayAsYouUse" } }),
    });
    expect(put.body.tags).toEqual({ costCenter: "42" });
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`t${i}`, "x"]));
    const refused = await armCall(url, { method: "PATCH", headers: headers(), body: JSON.stringify({ tags: tooMany }) });
    expect({ status: refused.status, code: refused.body.error.code }).toEqual({ status: 400, code: "ValidationFailed" });
  });
});
