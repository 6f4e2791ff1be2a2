// The collector against the simulated stamp and a small fake ingest server (real HTTP, gzip,
// Bearer key, idempotent on the record's natural key like the portal's ingest): high-water mark,
// retry with backoff on 503, resume after a failed push, nothing duplicated or lost.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import Decimal from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWorld, createStampApi, groundTruth, HOUR_MS, syntheticTenants, type UsageAggregate } from "../lib/stamp-simulator";
import { serveHandler, type RunningServer } from "../lib/stamp-simulator/http-server";
import {
  backoffDelay,
  createStampClient,
  fileStateStore,
  httpUsageSink,
  IngestRefusedError,
  runCollector,
  type CollectorState,
  type FetchLike,
  type RetryPolicy,
} from "../lib/usage-collector";

const PROVIDER = "5b7e2a10-3c4d-4e5f-8a6b-7c8d9e0f1a2b";
const KEY = "sc_ingest_test_key";
const START = Date.parse("2026-11-10T00:00:00Z");
const world = buildWorld({
  seed: "collector",
  providerSubscriptionId: PROVIDER,
  operatorTenantId: "7a1c0000-0000-4000-8000-000000000001",
  tenants: syntheticTenants("collector", 6),
  days: 5,
  anchor: new Date(START + 5 * 24 * HOUR_MS),
  lateDayRate: 0.2,
});
const FAST: RetryPolicy = { maxAttempts: 6, baseDelayMs: 10, maxDelayMs: 80 };

/** The fake portal: stores records by natural key; `failNext` makes the next pushes answer 503. */
function fakeIngest() {
  const stored = new Map<string, string>();
  const state = { pushes: 0, failNext: 0, duplicates: 0, subscriptionsSynced: 0 };
  const handler = async (request: Request): Promise<Response> => {
    if (request.headers.get("authorization") !== `Bearer ${KEY}`) return Response.json({ error: { code: "Unauthorized" } }, { status: 401 });
    const raw = Buffer.from(await request.arrayBuffer());
    const body = JSON.parse((request.headers.get("content-encoding") === "gzip" ? gunzipSync(raw) : raw).toString("utf8")) as { value: UsageAggregate[] };
    if (new URL(request.url).pathname === "/api/usage/local-subscriptions") {
      state.subscriptionsSynced = body.value.length;
      return Response.json({ upserted: body.value.length });
    }
    state.pushes += 1;
    if (state.failNext > 0) {
      state.failNext -= 1;
      return Response.json({ error: { code: "ServiceUnavailable" } }, { status: 503 });
    }
    let accepted = 0;
    let duplicate = 0;
    for (const record of body.value) {
      const p = record.properties;
      const uri = (JSON.parse(p.instanceData) as { "Microsoft.Resources": { resourceUri: string } })["Microsoft.Resources"].resourceUri;
      const key = `${p.subscriptionId}|${p.meterId}|${uri}|${p.usageStartTime}`;
      if (stored.has(key)) duplicate += 1;
      else accepted += 1;
      stored.set(key, String(p.quantity));
    }
    state.duplicates += duplicate;
    return Response.json({ accepted, duplicate, corrected: 0, rejected: 0, rejections: [] });
  };
  const totals = () => {
    const sums = new Map<string, Decimal>();
    for (const [key, quantity] of stored) {
      const [subscription, meter] = key.split("|");
      sums.set(`${subscription}|${meter}`, (sums.get(`${subscription}|${meter}`) ?? new Decimal(0)).plus(quantity));
    }
    return new Map([...sums].map(([key, sum]) => [key, sum.toString()]));
  };
  return { handler, stored, state, totals };
}

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), "collector-test-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

function setup(options: {
  clock: { now: number };
  failRate?: number;
  stateFile: string;
  portal: RunningServer;
  key?: string;
  sleeps?: number[];
  retry?: RetryPolicy;
}) {
  const api = createStampApi({ world, now: () => new Date(options.clock.now), failRate: options.failRate ?? 0 });
  const stampFetch: FetchLike = (url, init) => api(new Request(url, init));
  const sleep = async (ms: number) => {
    options.sleeps?.push(ms);
  };
  return () =>
    runCollector({
      stamp: createStampClient({ stampUrl: "http://stamp.test", providerSubscriptionId: PROVIDER, fetch: stampFetch, retry: options.retry ?? FAST, sleep }),
      sink: httpUsageSink({ portalUrl: options.portal.url, key: options.key ?? KEY, fetch }),
      state: fileStateStore(options.stateFile),
      stampUrl: "http://stamp.test",
      providerSubscriptionId: PROVIDER,
      from: new Date(world.usageStart),
      now: () => new Date(options.clock.now),
      windowHours: 24,
      maxBatch: 700,
      retry: options.retry ?? FAST,
      sleep,
    });
}

describe("usage collector", () => {
  it("pulls from the high-water mark to now, persists it, and later runs only fetch what is new", async () => {
    const ingest = fakeIngest();
    const portal = await serveHandler(ingest.handler);
    try {
      const clock = { now: START + 3 * 24 * HOUR_MS + 30 * 60_000 };
      const stateFile = path.join(directory, "hwm.json");
      const run = setup({ clock, stateFile, portal });
      const first = await run();
      expect(first.windows).toBe(3);
      expect(first.batches).toBeGreaterThan(first.windows); // windows larger than maxBatch are split
      expect(ingest.state.subscriptionsSynced).toBe(world.subscriptions.length);
      const saved = JSON.parse(await readFile(stateFile, "utf8")) as CollectorState;
      expect(saved.highWaterMark).toBe(new Date(START + 3 * 24 * HOUR_MS).toISOString());

      expect((await run()).windows).toBe(0);
      clock.now += 5 * HOUR_MS;
      const later = await run();
      expect(later.windows).toBe(1);
      expect(later.duplicate).toBe(0);
      expect(ingest.state.duplicates).toBe(0);
      const truth = groundTruth(world, world.usageStart, START + 3 * 24 * HOUR_MS + 5 * HOUR_MS);
      expect(ingest.stored.size).toBe(truth.records);
      expect(ingest.totals()).toEqual(truth.totals);
    } finally {
      await portal.close();
    }
  });

  it("retries the stamp's 503s with exponential backoff and still collects everything", async () => {
    const ingest = fakeIngest();
    const portal = await serveHandler(ingest.handler);
    try {
      const clock = { now: START + 4 * 24 * HOUR_MS };
      const sleeps: number[] = [];
      await setup({ clock, stateFile: path.join(directory, "retry.json"), portal, failRate: 0.4, sleeps })();
      expect(sleeps.length).toBeGreaterThan(0);
      for (const delay of sleeps) expect([10, 20, 40, 80]).toContain(delay);
      expect(backoffDelay(FAST, 1)).toBe(10);
      expect(backoffDelay(FAST, 10)).toBe(80); // bounded
      expect(ingest.totals()).toEqual(groundTruth(world, world.usageStart, clock.now).totals);
    } finally {
      await portal.close();
    }
  });

  it("stops after bounded retries when a push keeps failing, keeps the mark, and resumes without loss or double counting", async () => {
    const ingest = fakeIngest();
    const portal = await serveHandler(ingest.handler);
    try {
      const clock = { now: START + 4 * 24 * HOUR_MS };
      const stateFile = path.join(directory, "resume.json");
      const retry: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 };
      const run = setup({ clock, stateFile, portal, retry });
      // Let the first window's pushes through, then the portal goes down for longer than the retries.
      const pushesPerWindow = Math.ceil(groundTruth(world, world.usageStart, world.usageStart + 24 * HOUR_MS).records / 700);
      const original = ingest.handler;
      let pushes = 0;
      const flaky = await serveHandler(async (request) => {
        if (new URL(request.url).pathname === "/api/usage/ingest" && ++pushes > pushesPerWindow + 1)
          return Response.json({ error: { code: "ServiceUnavailable" } }, { status: 503 });
        return original(request);
      });
      await expect(setup({ clock, stateFile, portal: flaky, retry })()).rejects.toThrow(/gave up after 3 attempts/);
      await flaky.close();
      const saved = JSON.parse(await readFile(stateFile, "utf8")) as CollectorState;
      expect(saved.highWaterMark).toBe(new Date(world.usageStart + 24 * HOUR_MS).toISOString());

      // After restart the unacknowledged window is sent again: its first batch is a duplicate, not a double.
      const resumed = await run();
      expect(resumed.duplicate).toBe(700);
      const truth = groundTruth(world, world.usageStart, clock.now);
      expect(ingest.stored.size).toBe(truth.records);
      expect(ingest.totals()).toEqual(truth.totals);
    } finally {
      await portal.close();
    }
  });

  it("a refused ingestion key stops the run at once and leaves the mark where it was", async () => {
    const ingest = fakeIngest();
    const portal = await serveHandler(ingest.handler);
    try {
      const stateFile = path.join(directory, "bad-key.json");
      const run = setup({ clock: { now: START + 24 * HOUR_MS }, stateFile, portal, key: "wrong" });
      await expect(run()).rejects.toBeInstanceOf(IngestRefusedError);
      await expect(readFile(stateFile, "utf8")).rejects.toThrow(/ENOENT/);
      expect(ingest.state.pushes).toBe(0);
    } finally {
      await portal.close();
    }
  });
});
