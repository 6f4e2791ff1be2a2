// Collection as a service: a connected stamp (the simulator, signed-in, over TLS) is pulled from
// the high-water mark kept in the database, its usage ingested in-process, its health recorded;
// one collector at a time per stamp (the lease), a dead stamp's error recorded, and the trigger
// route refusing callers without the portal's collection token.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTestWorld } from "./support/with-test-world";
import { makeUsageRegistration } from "./support/usage-fixtures";
import type { World } from "./support/world";
import type { Database } from "../lib/database/open-database";
import { guidFor, syntheticTenants } from "../lib/stamp-simulator";
import { type RunningServer } from "../lib/stamp-simulator/http-server";
import { saveStampConnection } from "../lib/stamps/save-stamp-connection";
import { unsafeCollectStampUsage } from "../lib/stamps/unsafe-collect-stamp-usage";
import { collectionToken } from "../lib/stamps/collection-token";
import { listStampProblems } from "../lib/stamps/list-stamp-problems";
import { stampProblem } from "../lib/stamps/stamp-silence";
import { POST as collectRoute } from "../app/api/stamps/collect/route";
import { startSignedInStamp } from "./support/signed-in-stamp";

let database: Database;
let world: World;
withTestWorld((context) => ({ database, world } = context));

const CLIENT = randomUUID();
const SECRET = "collection-secret";
const PROVIDER = guidFor("collection:provider");
let stamp: RunningServer;
let registrationId: string;

beforeAll(async () => {
  process.env.STACKCENTER_SECRET_KEY = "collection-test-key";
  process.env.NEXTAUTH_SECRET ??= "collection-test-nextauth";
  const setup = await makeUsageRegistration(database.prisma, world);
  registrationId = setup.registration.id;
  let caPem: string;
  ({ stamp, caPem } = await startSignedInStamp({
    seed: "collection",
    system: "entra",
    tenantId: guidFor("collection:directory"),
    clients: [{ clientId: CLIENT, secret: SECRET }],
    providerSubscriptionId: PROVIDER,
    tenants: [{ tenantId: setup.tenantId, displayName: "Tenant" }, ...syntheticTenants("collection", 1)],
  }));
  await saveStampConnection(await world.scope("direct", "ADMIN_AGENT"), {
    registrationId,
    armEndpoint: stamp.url,
    identitySystem: "ENTRA",
    tenantId: guidFor("collection:directory"),
    clientId: CLIENT,
    credentialKind: "secret",
    credential: SECRET,
    caCertificatePem: caPem,
    providerSubscriptionId: PROVIDER,
  });
});
afterAll(() => stamp.close());

const connection = () => database.prisma.stampConnection.findUniqueOrThrow({ where: { registrationId } });

describe("stamp collection", () => {
  it("pulls from the high-water mark in the database, ingests the usage and records the stamp's health", async () => {
    const first = await unsafeCollectStampUsage(registrationId);
    expect(first).toMatchObject({ status: "collected" });
    const records = await database.prisma.usageRecord.count({ where: { registrationId } });
    expect(records).toBeGreaterThan(0);
    const health = await connection();
    expect(health.highWaterMark).not.toBeNull();
    expect(health.lastSuccessAt).not.toBeNull();
    expect(health.newestUsageHour!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(health.leaseUntil).toBeNull();
    // The next pull starts where the last ended: nothing is sent twice.
    const second = await unsafeCollectStampUsage(registrationId);
    expect(second).toMatchObject({ status: "collected", summary: { duplicate: 0 } });
    expect(await database.prisma.usageRecord.count({ where: { registrationId } })).toBeGreaterThanOrEqual(records);
  });

  it("lets one collector at a time pull a stamp", async () => {
    await database.prisma.stampConnection.update({ where: { registrationId }, data: { highWaterMark: null } });
    const outcomes = await Promise.all([unsafeCollectStampUsage(registrationId), unsafeCollectStampUsage(registrationId)]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["busy", "collected"]);
  });

  it("doesn't pull a stamp again in the interval for a process that found it due before another pulled it", async () => {
    const dueBefore = new Date(Date.now() - 60 * 60_000);
    await database.prisma.stampConnection.update({ where: { registrationId }, data: { lastPullAt: new Date(dueBefore.getTime() - 1) } });
    expect(await unsafeCollectStampUsage(registrationId, { dueBefore })).toMatchObject({ status: "collected" });
    // A second process read the stamp as due before that pull leased it; its lease finds it pulled.
    expect(await unsafeCollectStampUsage(registrationId, { dueBefore })).toEqual({ status: "busy" });
  });

  it("records a failing stamp's error with its time, and releases the lease", async () => {
    await database.prisma.stampConnection.update({ where: { registrationId }, data: { armEndpoint: "https://127.0.0.1:1" } });
    const failed = await unsafeCollectStampUsage(registrationId);
    expect(failed.status).toBe("failed");
    const health = await connection();
    expect(health.lastError).toMatch(/ECONNREFUSED|fetch failed|connect/i);
    expect(health.lastErrorAt).not.toBeNull();
    expect(health.leaseUntil).toBeNull();
    // The dashboard warns the stamp's partner, and nobody else.
    expect(await listStampProblems(await world.scope("direct", "BILLING_ADMIN"))).toEqual([expect.objectContaining({ registrationId, problem: "failing" })]);
    expect(await listStampProblems(await world.scope("otherDirect", "ADMIN_AGENT"))).toEqual([]);
    await database.prisma.stampConnection.update({ where: { registrationId }, data: { armEndpoint: stamp.url } });
  });

  it("the trigger route collects due stamps only for the portal's own token", async () => {
    const refused = await collectRoute(new Request("http://x/api/stamps/collect", { method: "POST", headers: { authorization: "Bearer nope" } }));
    expect(refused.status).toBe(401);
    await database.prisma.stampConnection.update({ where: { registrationId }, data: { lastPullAt: null } });
    const ran = await collectRoute(new Request("http://x/api/stamps/collect", { method: "POST", headers: { authorization: `Bearer ${collectionToken()}` } }));
    expect(ran.status).toBe(200);
    expect(await ran.json()).toEqual({ ok: true, ran: true, stamps: [{ registrationId, status: "collected" }] });
  });
});

describe("when a stamp counts as silent", () => {
  const now = new Date("2026-12-07T12:00:00Z");
  const hour = (iso: string) => new Date(iso);
  it.each([
    [{ newestUsageHour: hour("2026-12-07T10:00:00Z"), lastSuccessAt: now, lastErrorAt: null }, null],
    [{ newestUsageHour: hour("2026-12-07T05:00:00Z"), lastSuccessAt: now, lastErrorAt: null }, null],
    [{ newestUsageHour: hour("2026-12-07T04:00:00Z"), lastSuccessAt: now, lastErrorAt: null }, "silent"],
    [{ newestUsageHour: null, lastSuccessAt: null, lastErrorAt: null }, "silent"],
    [{ newestUsageHour: hour("2026-12-07T10:00:00Z"), lastSuccessAt: hour("2026-12-07T09:00:00Z"), lastErrorAt: hour("2026-12-07T11:00:00Z") }, "failing"],
    [{ newestUsageHour: hour("2026-12-07T10:00:00Z"), lastSuccessAt: hour("2026-12-07T11:30:00Z"), lastErrorAt: hour("2026-12-07T11:00:00Z") }, null],
  ] as const)("%o → %s (6 hours by default)", (health, expected) => {
    expect(stampProblem(health, now)).toBe(expected);
  });
});
