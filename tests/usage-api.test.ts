import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "./support/test-database";
import { makeWorld, type World } from "./support/world";
import { makeUsageRegistration, usageRecord } from "./support/usage-fixtures";
import { makeApssSubscription } from "./support/factories";
import { makeRegistration } from "./support/registration-fixtures";
import { setDatabaseForTests } from "../lib/db";
import type { Database } from "../lib/database/open-database";
import { createIngestionKey, listIngestionKeys, revokeIngestionKey } from "../lib/usage/ingestion-keys/manage-ingestion-keys";
import { hashIngestionKey } from "../lib/usage/ingestion-keys/ingestion-key-format";
import { POST as ingest } from "../app/api/usage/ingest/route";
import { PUT as putLocalSubscriptions } from "../app/api/usage/local-subscriptions/route";
import { buildOpenApiDocument } from "../lib/arm/openapi";
import { getUsageRegistrationDetail } from "../lib/usage/get-usage-registration-detail";
import { listUsageRegistrations } from "../lib/usage/list-usage-registrations";

let database: Database;
let world: World;
let setup: Awaited<ReturnType<typeof makeUsageRegistration>>;
let key: string;

// An hour that has surely ended, within the open window: the route ingests at the real "now".
const hourAgo = () => new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000).toISOString();

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabaseForTests(database);
  world = await makeWorld(database.prisma);
  setup = await makeUsageRegistration(database.prisma, world);
  key = (await createIngestionKey(await world.scope("direct", "ADMIN_AGENT"), { registrationId: setup.registration.id, name: "collector" })).key;
});
afterAll(() => database.close());

function post(body: unknown, options: { key?: string; gzip?: boolean; raw?: BodyInit } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.key !== "") headers.authorization = `Bearer ${options.key ?? key}`;
  let payload: BodyInit = options.raw ?? JSON.stringify(body);
  if (options.gzip) {
    headers["content-encoding"] = "gzip";
    payload = new Uint8Array(gzipSync(JSON.stringify(body)));
  }
  return ingest(new Request("http://stackcenter.test/api/usage/ingest", { method: "POST", headers, body: payload }));
}

describe("ingestion keys", () => {
  it("are created by admin agents only, shown once, stored hashed and audited", async () => {
    const created = await createIngestionKey(await world.scope("direct", "ADMIN_AGENT"), { registrationId: setup.registration.id, name: "second" });
    expect(created.key).toMatch(/^scik_/);
    const row = await database.prisma.ingestionKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.keyHash).toBe(hashIngestionKey(created.key));
    expect(JSON.stringify(row)).not.toContain(created.key);
    const audit = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "ingestionKey.create", targetId: created.id } });
    expect(JSON.stringify(audit)).not.toContain(created.key);
    await expect(createIngestionKey(await world.scope("direct", "BILLING_ADMIN"), { registrationId: setup.registration.id, name: "x" })).rejects.toMatchObject({
      code: "Forbidden",
    });
    await expect(
      createIngestionKey(await world.scope("otherDirect", "ADMIN_AGENT"), { registrationId: setup.registration.id, name: "x" }),
    ).rejects.toMatchObject({ code: "NotFound" });
    const listed = await listIngestionKeys(await world.scope("direct", "ADMIN_AGENT"), setup.registration.id);
    expect(listed.map((k) => k.name)).toEqual(expect.arrayContaining(["collector", "second"]));
    expect(Object.keys(listed[0])).not.toContain("keyHash");
  });

  it("a revoked key is refused with 401", async () => {
    const scope = await world.scope("direct", "ADMIN_AGENT");
    const created = await createIngestionKey(scope, { registrationId: setup.registration.id, name: "to-revoke" });
    expect((await post({ value: [] }, { key: created.key })).status).toBe(200);
    await revokeIngestionKey(scope, setup.registration.id, created.id);
    expect((await post({ value: [] }, { key: created.key })).status).toBe(401);
    expect(await database.prisma.auditEvent.count({ where: { action: "ingestionKey.revoke", targetId: created.id } })).toBe(1);
  });

  it("refuses missing, malformed and unknown keys", async () => {
    expect((await post({ value: [] }, { key: "" })).status).toBe(401);
    expect((await post({ value: [] }, { key: "sc_notaningestionkey12345678901234" })).status).toBe(401);
    expect((await post({ value: [] }, { key: "scik_" + "A".repeat(43) })).status).toBe(401);
  });
});

describe("POST /api/usage/ingest", () => {
  it("accepts plain and gzip bodies and answers the counts", async () => {
    const response = await post({ value: [usageRecord({ start: hourAgo(), resourceUri: "/api/1" })] });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ accepted: 1, duplicate: 0, corrected: 0, rejected: 0, rejections: [] });
    const gz = await post(
      { value: [usageRecord({ start: hourAgo(), resourceUri: "/api/1" }), usageRecord({ start: hourAgo(), resourceUri: "/api/2", quantity: -1 })] },
      { gzip: true },
    );
    expect(gz.status).toBe(200);
    expect(await gz.json()).toEqual({
      accepted: 0,
      duplicate: 1,
      corrected: 0,
      rejected: 1,
      rejections: [{ index: 1, code: "NegativeQuantity", reason: expect.any(String) }],
    });
  });

  it("binds records to the key's registration: another registration's stamp can't write into it", async () => {
    const other = await makeRegistration(database.prisma, {
      partnerId: world.partners.otherDirect.id,
      subscriptionId: (await makeApssSubscription(database.prisma, world.partners.otherDirect.id)).id,
    });
    const otherKey = (await createIngestionKey(await world.scope("otherDirect", "ADMIN_AGENT"), { registrationId: other.id, name: "other" })).key;
    // The body can't name a registration; whatever it says, records land on the key's registration.
    const body = { registrationId: setup.registration.id, value: [usageRecord({ start: hourAgo(), resourceUri: "/api/other" })] };
    expect((await post(body, { key: otherKey })).status).toBe(200);
    expect(await database.prisma.usageRecord.count({ where: { registrationId: setup.registration.id, resourceUri: "/api/other" } })).toBe(0);
    expect(await database.prisma.usageRecord.count({ where: { registrationId: other.id, resourceUri: "/api/other" } })).toBe(1);
  });

  it("refuses bad bodies: not JSON 400, no value array 400, more than 50k records 413, bad gzip 400", async () => {
    expect((await post(null, { raw: "{nope" })).status).toBe(400);
    expect((await post({ records: [] })).status).toBe(400);
    const tooMany = await post({ value: new Array(50_001).fill(0) });
    expect(tooMany.status).toBe(413);
    expect((await tooMany.json()).error.code).toBe("TooManyRecords");
    const badGzip = await ingest(
      new Request("http://x/api/usage/ingest", { method: "POST", headers: { authorization: `Bearer ${key}`, "content-encoding": "gzip" }, body: "not gzip" }),
    );
    expect(badGzip.status).toBe(400);
    // A gzip bomb (70 MB of zeros in ~70 KB) stops at the 64 MB limit: 413, not memory exhaustion.
    const bomb = new Uint8Array(gzipSync(Buffer.alloc(70 * 1024 * 1024)));
    const bombed = await ingest(
      new Request("http://x/api/usage/ingest", { method: "POST", headers: { authorization: `Bearer ${key}`, "content-encoding": "gzip" }, body: bomb }),
    );
    expect(bombed.status).toBe(413);
    expect((await bombed.json()).error.code).toBe("PayloadTooLarge");
  });

  it("refuses a gzip body that breaks off or outgrows the limit while its first records are already stored: 400/413, nothing kept", async () => {
    // The body is inflated while the ingest reads it, so these are met mid-batch, after COPY began.
    const start = hourAgo();
    const records = Array.from({ length: 30_000 }, (_, i) => JSON.stringify(usageRecord({ start, resourceUri: `/api/stream/${i}` })));
    const gzipped = (text: string) => gzipSync(Buffer.from(text));
    const send = (body: Buffer) =>
      ingest(
        new Request("http://x/api/usage/ingest", {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-encoding": "gzip" },
          body: new Uint8Array(body),
        }),
      );
    const batchesBefore = await database.prisma.usageBatch.count({ where: { registrationId: setup.registration.id } });
    const whole = gzipped(`{"value":[${records.join(",")}]}`);
    const cut = await send(whole.subarray(0, Math.floor(whole.length * 0.8)));
    expect(cut.status).toBe(400);
    expect((await cut.json()).error).toEqual({ code: "InvalidRequestContent", message: "The body could not be decompressed." });
    // Valid JSON all along, but 70 MB of whitespace after the records: past the 64 MB limit.
    const huge = await send(gzipped(`{"value":[${records.join(",")}${" ".repeat(70 * 1024 * 1024)}]}`));
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.code).toBe("PayloadTooLarge");
    expect(await database.prisma.usageRecord.count({ where: { registrationId: setup.registration.id, resourceUri: { startsWith: "/api/stream/" } } })).toBe(0);
    expect(await database.prisma.usageBatch.count({ where: { registrationId: setup.registration.id } })).toBe(batchesBefore);
    // The same body, whole, is stored in full.
    const stored = await send(whole);
    expect(stored.status).toBe(200);
    expect((await stored.json()).accepted).toBe(30_000);
  });

  it("refuses a body whose records stop being JSON deep inside it with 400, storing none of the records before", async () => {
    // Records are parsed slice by slice during the ingest: the broken one, thousands of records in,
    // (past the first 5,000, already sent to the COPY) is met mid-batch, and the whole batch must roll back.
    const start = hourAgo();
    const records = Array.from({ length: 7_000 }, (_, i) => JSON.stringify(usageRecord({ start, resourceUri: `/api/deep/${i}` })));
    records[6_543] = '{"properties": {"quantity": 1,}}';
    const batchesBefore = await database.prisma.usageBatch.count({ where: { registrationId: setup.registration.id } });
    const response = await post(null, { raw: `{"value":[${records.join(",")}]}` });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "InvalidRequestContent", message: "The body is not valid JSON." } });
    expect(await database.prisma.usageRecord.count({ where: { registrationId: setup.registration.id, resourceUri: { startsWith: "/api/deep/" } } })).toBe(0);
    expect(await database.prisma.usageBatch.count({ where: { registrationId: setup.registration.id } })).toBe(batchesBefore);
    // The same records, valid, are all stored: the split reads every one of them.
    records[6_543] = JSON.stringify(usageRecord({ start, resourceUri: "/api/deep/6543" }));
    const valid = await post(null, { raw: `{"value":[${records.join(",")}]}` });
    expect(await valid.json()).toMatchObject({ accepted: 7_000, rejected: 0 });
  });
});

describe("PUT /api/usage/local-subscriptions", () => {
  it("upserts the stamp's local subscriptions for the key's registration", async () => {
    const body = {
      value: [
        { subscriptionId: "ABC-1", tenantId: setup.tenantId, isProviderSubscription: false, displayName: "A" },
        { subscriptionId: "prov", tenantId: null, isProviderSubscription: true },
      ],
    };
    const request = (payload: unknown, k = key) =>
      putLocalSubscriptions(
        new Request("http://x/api/usage/local-subscriptions", {
          method: "PUT",
          headers: { authorization: `Bearer ${k}`, "content-encoding": "gzip" },
          body: new Uint8Array(gzipSync(JSON.stringify(payload))),
        }),
      );
    const response = await request(body);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ upserted: 2 });
    const rows = await database.prisma.localSubscription.findMany({
      where: { registrationId: setup.registration.id },
      orderBy: { localSubscriptionId: "asc" },
    });
    expect(rows.map((r) => [r.localSubscriptionId, r.ownerTenantId, r.isProviderSubscription])).toEqual([
      ["abc-1", setup.tenantId, false],
      ["prov", null, true],
    ]);
    expect((await request({ value: [{ subscriptionId: "x", tenantId: "not-a-guid" }] })).status).toBe(400);
    expect((await request(body, "scik_" + "B".repeat(43))).status).toBe(401);
  });
});

describe("Usage page data", () => {
  it("shows the scope's registrations with last ingest, hourly counts and rejections; others' are invisible", async () => {
    const billing = await world.scope("direct", "BILLING_ADMIN");
    const mine = (await listUsageRegistrations(billing)).find((r) => r.id === setup.registration.id);
    expect(mine?.lastIngestAt).not.toBeNull();
    const detail = await getUsageRegistrationDetail(billing, setup.registration.id);
    expect(detail?.hours.length).toBeGreaterThanOrEqual(48);
    expect(detail?.hours.reduce((sum, h) => sum + h.records, 0)).toBeGreaterThan(0);
    expect(detail?.rejections.some((r) => r.code === "NegativeQuantity")).toBe(true);
    const other = await world.scope("otherDirect", "BILLING_ADMIN");
    expect((await listUsageRegistrations(other)).some((r) => r.id === setup.registration.id)).toBe(false);
    expect(await getUsageRegistrationDetail(other, setup.registration.id)).toBeNull();
    await expect(listUsageRegistrations(await world.scope("direct", "SALES_AGENT"))).rejects.toMatchObject({ code: "Forbidden" });
  });
});

describe("OpenAPI", () => {
  it("documents the usage paths", () => {
    const document = buildOpenApiDocument();
    expect(document.paths["/api/usage/ingest"]).toBeDefined();
    expect(document.paths["/api/usage/local-subscriptions"]).toBeDefined();
  });
});
