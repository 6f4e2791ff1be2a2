// `npm run bench:ingest`: the ingest API's throughput, over HTTP, on the real code path.
// A plain node:http server on BENCH_PORT (default 3400) wraps the route handler's exported POST
// (app/api/usage/ingest/route.ts) — the same function `next start` serves, minus Next's router —
// because a production build + `next start` per database mode takes minutes and the router adds
// a constant per request, not per record. Batches are gzip-compressed beforehand, as the collector
// sends them, and posted one after another (a stamp's collector is sequential).
// Printed: the settings, records/s, p50/p95 batch latency, peak RSS, CPU time per batch, the per-phase breakdown the
// route reports in Server-Timing, and the ceiling: a raw COPY of the same rows (already checked,
// mapped and encoded) straight into UsageRecord, with no validation, upsert or rating. Each batch is
// COPYed raw (then deleted) just before it is ingested, so on a shared machine whose speed drifts
// both figures are taken at the same moment; the ratio is printed overall and per batch. One more
// batch first warms the process up (JIT) and is not counted.
// Figures are printed, never asserted.
// Databases: PGlite in memory and in a temporary folder; also PostgreSQL when BENCH_DATABASE_URL=postgres://… (an
// admin URL: a throwaway database is created and dropped, like the tests' TEST_DATABASE_URL).
// Options: BENCH_BATCHES (default 6), BENCH_BATCH_SIZE (default 50000, the API's and the
// collector's maximum), BENCH_HOURS_PER_BATCH (default 24: the collector's default window, so a
// batch is ~2,100 resources × 24 hours; 1 = every record in a batch is its own rated line),
// BENCH_CEILING=0, BENCH_ONLY=pglite|postgres, BENCH_PGLITE=memory|folder|both (default both: in memory, as the tests
// run, and in a folder, as the portal runs by default).
import { register } from "node:module";
import http from "node:http";
import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Database } from "../lib/database/open-database";

// lib/ and the route import "server-only" (throws outside Next's server bundle): resolve it to an
// empty module, as Next's react-server condition does.
register(
  `data:text/javascript,${encodeURIComponent(`export async function resolve(s, c, n) { return s === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : n(s, c); }`)}`,
);

const BATCHES = Number(process.env.BENCH_BATCHES ?? 6);
const BATCH_SIZE = Math.min(Number(process.env.BENCH_BATCH_SIZE ?? 50_000), 50_000);
const HOURS_PER_BATCH = Math.max(1, Number(process.env.BENCH_HOURS_PER_BATCH ?? 24));
const RESOURCES = Math.ceil(BATCH_SIZE / HOURS_PER_BATCH);
const PORT = Number(process.env.BENCH_PORT ?? 3400);
/** BENCH_CEILING=0 leaves out the raw COPY ceiling (and its COPY, DELETE and VACUUM between batches): the ingest alone, e.g. to profile it. */
const WITH_CEILING = process.env.BENCH_CEILING !== "0";
const SUBSCRIPTIONS = 40;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const METERS = {
  baseVm: "fab6eb84-500b-4a09-a8ca-7358f8bbaea5",
  windowsVm: "9cd92d4c-bafd-4492-b278-bedc2de8232a",
  blockBlob: "09f8879e-87e9-4305-a572-4b7be209f857",
};

/** Resource i: a VM (every 10th a Windows VM, emitting both VM meters) or, every 8th, a storage account. */
function resource(i: number) {
  const sub = `local-sub-${i % SUBSCRIPTIONS}`;
  if (i % 8 === 7)
    return {
      sub,
      uri: `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa${i}`,
      meter: METERS.blockBlob,
      quantity: 100 + (i % 900),
    };
  const windows = i % 10 === 3;
  return {
    sub,
    uri: `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-${i}`,
    meter: windows ? METERS.windowsVm : METERS.baseVm,
    quantity: 1 + (i % 8),
  };
}

/** Batch b: RESOURCES resources × HOURS_PER_BATCH hours, walking back from 2 h ago (older batches get re-dated). */
function makeBatch(now: Date, b: number): unknown[] {
  // Yesterday 12:00 UTC: whatever the hour the bench runs at, each batch's hours span two usage
  // days (as a collector's 24-hour window does at 23 hours of the day), so every run rates the
  // same ~2 lines per resource; a window aligned to midnight would rate half as many.
  const day = 24 * 3_600_000;
  const newestHour = Math.floor(now.getTime() / day) * day - 12 * 3_600_000;
  const records: unknown[] = [];
  for (let h = 0; h < HOURS_PER_BATCH && records.length < BATCH_SIZE; h++) {
    const start = new Date(newestHour - (b * HOURS_PER_BATCH + h) * 3_600_000);
    const end = new Date(start.getTime() + 3_600_000);
    for (let i = 0; i < RESOURCES && records.length < BATCH_SIZE; i++) {
      const r = resource(i);
      records.push({
        id: `/subscriptions/provider/providers/Microsoft.Commerce.Admin/UsageAggregate/${r.sub}-${r.meter}`,
        name: `${r.sub}-${r.meter}`,
        type: "Microsoft.Commerce.Admin/UsageAggregate",
        properties: {
          subscriptionId: r.sub,
          usageStartTime: start.toISOString(),
          usageEndTime: end.toISOString(),
          instanceData: JSON.stringify({
            "Microsoft.Resources": { resourceUri: r.uri, location: "local", tags: null, additionalInfo: { ServiceType: "Standard_D2" } },
          }),
          quantity: r.quantity,
          meterId: r.meter,
        },
      });
    }
  }
  return records;
}

/**
 * CPU milliseconds so far of each server process connected to this database (PostgreSQL on this
 * machine only: read from /proc; empty when the server is elsewhere). The bench's pool keeps its
 * connections for the whole run, so the difference over the run is the server's CPU for it.
 */
async function serverCpuMs(database: Database): Promise<Map<number, number>> {
  const cpu = new Map<number, number>();
  if (database.mode !== "postgres") return cpu;
  const { rows } = await database.sql.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
  for (const { pid } of rows) {
    try {
      // Fields after the command name: state is field 3; utime and stime (clock ticks, 100/s) fields 14 and 15.
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // Not on this machine.
    }
  }
  return cpu;
}

async function run(label: string, openDb: () => Promise<Database>) {
  const { setDatabaseForTests } = await import("../lib/db");
  const { makeWorld } = await import("../tests/support/world");
  const { makeUsageRegistration, makePriceList, COMMERCE } = await import("../tests/support/usage-fixtures");
  const { hashIngestionKey, generateIngestionKey, ingestionKeyDisplayPrefix } = await import("../lib/usage/ingestion-keys/ingestion-key-format");
  const { POST } = await import("../app/api/usage/ingest/route");
  const { parseServerTiming } = await import("../lib/usage/phase-timer");
  const { createUsageRowEncoder, USAGE_ROW_COLUMNS } = await import("../lib/usage/ingest/wire/create-usage-row-encoder");
  const { EncodedBatch } = await import("../lib/usage/ingest/wire/encoded-batch");
  const { arrayRecordList } = await import("../lib/usage/ingest/wire/usage-record-list");
  const { loadKnownMeters, loadRegistrationGateway } = await import("../lib/usage/load-registration-gateway");
  const { unsafeSyncLocalSubscriptions } = await import("../lib/usage/unsafe-sync-local-subscriptions");

  const database = await openDb();
  setDatabaseForTests(database);
  const prisma = database.prisma;
  const world = await makeWorld(prisma);
  const { registration, tenantId } = await makeUsageRegistration(prisma, world);
  await makePriceList(prisma, {
    market: "US",
    currency: "USD",
    effectiveFrom: "2020-01-01",
    prices: { [COMMERCE.vm]: "0.008", [COMMERCE.vmAdmin]: "0.008", [COMMERCE.windowsVm]: "0.046", [COMMERCE.blockBlob]: "0.006" },
  });
  // Half the local subscriptions belong to the registered customer, one is the provider's, the rest are unregistered tenants.
  await unsafeSyncLocalSubscriptions(registration.id, {
    value: Array.from({ length: SUBSCRIPTIONS / 2 }, (_, i) => ({
      subscriptionId: `local-sub-${i}`,
      tenantId: i === 0 ? null : tenantId,
      isProviderSubscription: i === 0,
      displayName: null,
    })),
  });
  const key = generateIngestionKey();
  await prisma.ingestionKey.create({
    data: { registrationId: registration.id, name: "bench", prefix: ingestionKeyDisplayPrefix(key), keyHash: hashIngestionKey(key) },
  });

  const now = new Date();
  // Batch 0 warms the process up (JIT, caches, pools: a server is warm after its first batch) and is
  // not counted; batches 1…BATCHES are measured.
  const bodies = Array.from({ length: BATCHES + 1 }, (_, b) => gzipSync(JSON.stringify({ value: makeBatch(now, b) })));

  const server = http.createServer(async (req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    // The body streams through, as in `next start`.
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        for await (const chunk of req) controller.enqueue(new Uint8Array(chunk as Buffer));
        controller.close();
      },
    });
    const response = await POST(new Request(`http://localhost:${PORT}${req.url}`, { method: req.method, headers, body, duplex: "half" } as RequestInit));
    const outHeaders: Record<string, string> = { "content-type": "application/json" };
    const timing = response.headers.get("server-timing");
    if (timing) outHeaders["server-timing"] = timing;
    res.writeHead(response.status, outHeaders);
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  // The client keeps its connection between batches, and a raw COPY + VACUUM runs in between (seconds
  // on PGlite): the default 5 s keep-alive would close it under the client's feet (ECONNRESET).
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(PORT, resolve));

  // The ceiling's rows: checked, mapped and encoded beforehand (not timed) — the very bytes the
  // ingest streams (same encoder), each line with its registration and batch.
  const [known, gateway] = await Promise.all([loadKnownMeters(), loadRegistrationGateway(registration.id, now, 48)]);
  if (!gateway) throw new Error("bench registration not found");
  const { context } = gateway;
  const copies: { batchId: string; chunks: Buffer[] }[] = [];
  for (let b = 0; b <= BATCHES; b++) {
    const encoder = createUsageRowEncoder(registration.id, known, context);
    const batch = new EncodedBatch(arrayRecordList(makeBatch(now, b)), encoder, true);
    const batchId = randomUUID();
    await batch.finish(`${registration.id}\t${batchId}\t`);
    copies.push({ batchId, chunks: [...batch.kept(encoder.superseded)] });
  }
  const target = `"UsageRecord" ("registrationId", "batchId", ${USAGE_ROW_COLUMNS.map((c) => `"${c}"`).join(", ")})`;

  global.gc?.();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const latencies: number[] = [];
  const ceilingMs: number[] = [];
  const phases = new Map<string, number>();
  let ingestMs = 0;
  let cpuMicros = 0;
  let serverMs = 0;
  let accepted = 0;
  let copied = 0;
  // Each batch twice, back to back, so both figures see the same moment of a shared machine: first
  // its raw COPY (its own transaction; then deleted and vacuumed, not timed), then its HTTP ingest
  // into the table as the COPY found it.
  for (let b = 0; b <= BATCHES; b++) {
    const warmUp = b === 0;
    if (WITH_CEILING) {
      const c0 = performance.now();
      const rows = await database.sql.copyFrom(`COPY ${target} FROM STDIN`, copies[b].chunks);
      if (!warmUp) {
        copied += rows;
        ceilingMs.push(performance.now() - c0);
      }
      await database.sql.query(`DELETE FROM "UsageRecord" WHERE "batchId" = $1`, [copies[b].batchId]);
      await database.sql.query(`VACUUM "UsageRecord"`).catch(() => undefined);
    }

    const cpuStart = process.cpuUsage();
    const serverStart = await serverCpuMs(database);
    const t0 = performance.now();
    const response = await fetch(`http://localhost:${PORT}/api/usage/ingest`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "content-encoding": "gzip" },
      body: new Uint8Array(bodies[b]),
    });
    const result = (await response.json()) as { accepted: number; rejected: number };
    const elapsed = performance.now() - t0;
    if (response.status !== 200 || result.rejected > 0) throw new Error(`batch failed: ${response.status} ${JSON.stringify(result).slice(0, 300)}`);
    const cpu = process.cpuUsage(cpuStart);
    const serverEnd = await serverCpuMs(database);
    if (warmUp) continue;
    cpuMicros += cpu.user + cpu.system;
    serverMs += [...serverEnd].reduce((sum, [pid, ms]) => sum + ms - (serverStart.get(pid) ?? 0), 0);
    accepted += result.accepted;
    ingestMs += elapsed;
    latencies.push(elapsed);
    for (const [name, ms] of parseServerTiming(response.headers.get("server-timing"))) phases.set(name, (phases.get(name) ?? 0) + ms);
  }
  clearInterval(sampler);
  server.close();
  const seconds = ingestMs / 1000;
  const ratios = latencies.map((ms, b) => ceilingMs[b] / ms).sort((x, y) => x - y);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];
  const total = BATCHES * BATCH_SIZE;
  const rate = total / seconds;
  const lines = await prisma.ratedUsageLine.count({ where: { registrationId: registration.id } });
  console.log(
    `[${label}] HTTP ingest: ${total} records: ${Math.round(rate)} records/s; batch p50 ${pct(50).toFixed(0)} ms, p95 ${pct(95).toFixed(0)} ms; ` +
      `peak RSS ${mb(peakRss)}; accepted ${accepted}; rated lines ${lines}; ` +
      // CPU time is steadier than wall time on a shared machine. PGlite runs inside this process; PostgreSQL's own CPU is not counted.
      `bench process CPU ${(cpuMicros / 1000 / BATCHES).toFixed(0)} ms per batch${label.startsWith("PGlite") ? " (includes the database)" : " (Node only)"}` +
      (serverMs > 0 ? `, PostgreSQL server CPU ${(serverMs / BATCHES).toFixed(0)} ms per batch` : ""),
  );
  const measured = [...phases.values()].reduce((a, b) => a + b, 0);
  const perBatch = (ms: number) => `${(ms / BATCHES).toFixed(0)} ms`;
  console.log(
    `[${label}] phases per batch (Server-Timing, mean of ${BATCHES}): ` +
      [...phases].map(([name, ms]) => `${name} ${perBatch(ms)} (${((100 * ms) / measured).toFixed(0)}%)`).join(", ") +
      `; HTTP + client overhead ${perBatch(seconds * 1000 - measured)}`,
  );
  if (WITH_CEILING) {
    const ceiling = copied / (ceilingMs.reduce((a, b) => a + b, 0) / 1000);
    console.log(
      `[${label}] ceiling, raw COPY of the same ${copied} rows into UsageRecord (each batch just before its ingest): ${Math.round(ceiling)} records/s; ` +
        `ingest = ${(rate / ceiling).toFixed(2)} × raw COPY (per batch: ${ratios.map((r) => r.toFixed(2)).join(", ")})`,
    );
  }
  await database.close();
}

console.log(
  `bench:ingest settings: ${BATCHES} measured batches (after 1 warm-up) × ${BATCH_SIZE} records (${RESOURCES} resources × ${HOURS_PER_BATCH} h per batch, ` +
    `${SUBSCRIPTIONS} local subscriptions, VM/Windows VM/blob meters), gzip bodies, sequential POSTs; node ${process.version}; ` +
    `${os.cpus().length} CPUs (load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")})`,
);

const { createTestDatabase } = await import("../tests/support/test-database");
const adminUrl = process.env.BENCH_DATABASE_URL;
const only = process.env.BENCH_ONLY;
/** memory (the tests' mode), folder (the portal's default: PGLITE_DIR) or both. */
const pgliteMode = process.env.BENCH_PGLITE ?? "both";
delete process.env.TEST_DATABASE_URL;
if (only !== "postgres") {
  if (pgliteMode !== "folder") await run("PGlite (in-memory)", () => createTestDatabase());
  if (pgliteMode !== "memory") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "stackcenter-bench-ingest-"));
    try {
      await run("PGlite (folder, the portal's default)", () => createTestDatabase({ pgliteDir: dir }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
if (only !== "pglite") {
  if (adminUrl) {
    process.env.TEST_DATABASE_URL = adminUrl;
    await run("PostgreSQL", createTestDatabase);
  } else {
    console.log("PostgreSQL: skipped (set BENCH_DATABASE_URL=postgres://user@host:port/postgres to include it)");
  }
}
