// The fault test: the ingest server (the portal's real routes, scripts/ingest-test-server.ts,
// a child process on a file-backed PGlite) is SIGKILLed in the middle of large batches and
// restarted; the collector retries. Afterwards no record is duplicated or lost: the database's
// totals per (local subscription, meter) equal the simulator's ground truth.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import Decimal from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../lib/database/migrations";
import { openDatabase } from "../lib/database/open-database";
import { normaliseMeterId } from "../lib/meters/meter-id";
import { generateIngestionKey, hashIngestionKey } from "../lib/usage/ingestion-keys/ingestion-key-format";
import { buildWorld, createStampApi, DAY_MS, groundTruth, HOUR_MS, syntheticTenants, type StampWorld } from "../lib/stamp-simulator";
import { createStampClient, httpUsageSink, memoryStateStore, runCollector, type FetchLike } from "../lib/usage-collector";
import { makeUsageRegistration } from "./support/usage-fixtures";
import { makeWorld } from "./support/world";

const ROOT = path.resolve(import.meta.dirname, "..");
const PROVIDER = "3d9c1e2f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
let dataDir: string;
let key: string;
let registrationId: string;
let world: StampWorld;
let port: number;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Every server child started, so a failing test still leaves none behind. */
const children = new Set<ChildProcess>();

/** Starts the ingest server child and resolves once it listens. */
function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/ingest-test-server.ts", "--port", String(port)], {
    cwd: ROOT,
    env: { ...process.env, PGLITE_DIR: dataDir, DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("listening ")) resolve(child);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`ingest server exited (${code}) before listening:\n${output}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once("exit", () => resolve()));
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "usage-fault-"));
  port = await freePort();
  const database = await openDatabase({ pgliteDir: dataDir });
  try {
    await applyMigrations(database.migrationAdapter, database.sql);
    const setup = await makeUsageRegistration(database.prisma, await makeWorld(database.prisma));
    registrationId = setup.registration.id;
    key = generateIngestionKey();
    await database.prisma.ingestionKey.create({ data: { registrationId, name: "fault test", prefix: key.slice(0, 12), keyHash: hashIngestionKey(key) } });
    // One registered tenant, five unregistered ones and the provider subscription; four days, ~15k records.
    const anchor = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);
    world = buildWorld({
      seed: "fault",
      providerSubscriptionId: PROVIDER,
      operatorTenantId: "7a1c0000-0000-4000-8000-000000000002",
      tenants: [{ tenantId: setup.tenantId, displayName: "Registered" }, ...syntheticTenants("fault", 5)],
      days: 4,
      anchor,
      vmsPerSubscription: 8,
    });
  } finally {
    await database.close();
  }
}, 180_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await Promise.all([...children].map(exited));
  await rm(dataDir, { recursive: true, force: true });
});

describe("usage pipeline fault tolerance", () => {
  it("survives SIGKILLs of the ingest server mid-batch: nothing duplicated or lost", async () => {
    let server = await startServer();
    const now = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
    const api = createStampApi({ world, now: () => new Date(now) });
    const stampFetch: FetchLike = (url, init) => api(new Request(url, init));

    // Kill the server while the 2nd and 3rd pushes (counted while it is up) are being processed, then
    // restart it. There are always ≥ 4 pushes, so each kill hits a push in flight or the next one.
    let pushes = 0;
    let kills = 0;
    let restarting = false;
    let failedPushes = 0;
    const restarts: Promise<void>[] = [];
    const sinkFetch: FetchLike = (url, init) => {
      const pending = fetch(url, init);
      // Count pushes that died with the server (the collector sees them as network errors and retries).
      pending.catch(() => (failedPushes += 1));
      if (url.endsWith("/api/usage/ingest") && !restarting && [2, 3].includes(++pushes)) {
        restarting = true;
        const victim = server;
        const delay = pushes === 2 ? 150 : 300;
        restarts.push(
          (async () => {
            await new Promise((resolve) => setTimeout(resolve, delay));
            victim.kill("SIGKILL");
            kills += 1;
            await exited(victim);
            await new Promise((resolve) => setTimeout(resolve, 300));
            server = await startServer();
            restarting = false;
          })(),
        );
      }
      return pending;
    };

    const summary = await runCollector({
      stamp: createStampClient({
        stampUrl: "http://stamp.test",
        providerSubscriptionId: PROVIDER,
        fetch: stampFetch,
        retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
        sleep: async () => {},
      }),
      sink: httpUsageSink({ portalUrl: `http://127.0.0.1:${port}`, key, fetch: sinkFetch }),
      state: memoryStateStore(),
      stampUrl: "http://stamp.test",
      providerSubscriptionId: PROVIDER,
      from: new Date(world.usageStart),
      now: () => new Date(now),
      windowHours: 48,
      maxBatch: 3000,
      retry: { maxAttempts: 60, baseDelayMs: 100, maxDelayMs: 1000 },
    });
    await Promise.all(restarts);
    server.kill("SIGTERM");
    await exited(server);

    expect(kills).toBe(2);
    expect(failedPushes).toBeGreaterThanOrEqual(2);
    expect(summary.rejected).toBe(0);
    expect(summary.batches).toBeGreaterThanOrEqual(4);
    const truth = groundTruth(world, world.usageStart, now);
    expect(summary.records).toBe(truth.records);

    const database = await openDatabase({ pgliteDir: dataDir });
    try {
      const { rows } = await database.sql.query<{ sub: string; meter: string; total: string; n: number }>(
        `SELECT "localSubscriptionId" AS sub, "localMeterId"::text AS meter, sum("quantity")::text AS total, count(*)::int AS n
           FROM "UsageRecord" WHERE "registrationId" = $1 GROUP BY 1, 2`,
        [registrationId],
      );
      const stored = new Map(rows.map((row) => [`${row.sub}|${row.meter}`, new Decimal(row.total).toString()]));
      const expected = new Map(
        [...truth.totals].map(([k, total]) => {
          const [sub, meter] = k.split("|");
          return [`${sub.toLowerCase()}|${normaliseMeterId(meter)}`, new Decimal(total).toString()];
        }),
      );
      expect(stored).toEqual(expected);
      expect(rows.reduce((sum, row) => sum + row.n, 0)).toBe(truth.records);
    } finally {
      await database.close();
    }
  }, 300_000);
});
