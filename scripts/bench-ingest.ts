// `npm run bench:ingest`: the ingest API's throughput, over HTTP, on the real code path.
// A plain node:http server on BENCH_PORT (default 3400) wraps the route handler's exported POST
// (app/api/usage/ingest/route.ts) — the same function `next start` serves, minus Next's router —
// because a production build + `next start` per database mode takes minutes and the router adds
// a constant per request, not per record. Batches are gzip-compressed beforehand, as the collector
// sends them, and posted one after another (a stamp's collector is sequential).
// Printed: records/s, p50/p95 batch latency, peak RSS, and the ceiling: a plain INSERT … SELECT
// FROM unnest of the same (pre-mapped) rows into the same table, with no validation, mapping,
// upsert or rating. Figures are printed, never asserted.
// Databases: in-memory PGlite always; also PostgreSQL when BENCH_DATABASE_URL=postgres://… (an
// admin URL: a throwaway database is created and dropped, like the tests' TEST_DATABASE_URL).
// Options: BENCH_BATCHES (default 10), BENCH_BATCH_SIZE (default 10000, max 50000).
import { register } from "node:module";
import http from "node:http";
import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { Database } from "../lib/database/open-database";

// lib/ and the route import "server-only" (throws outside Next's server bundle): resolve it to an
// empty module, as Next's react-server condition does.
register(`data:text/javascript,${encodeURIComponent(`export async function resolve(s, c, n) { return s === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : n(s, c); }`)}`);

const BATCHES = Number(process.env.BENCH_BATCHES ?? 10);
const BATCH_SIZE = Math.min(Number(process.env.BENCH_BATCH_SIZE ?? 10_000), 50_000);
const PORT = Number(process.env.BENCH_PORT ?? 3400);
const BASE_VM = "fab6eb84-500b-4a09-a8ca-7358f8bbaea5";
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function makeBatches(now: Date): unknown[][] {
  // Distinct natural keys: BATCH_SIZE resources × one hour each batch, walking back from 2 h ago.
  const firstHour = Math.floor(now.getTime() / 3_600_000) * 3_600_000 - 2 * 3_600_000;
  return Array.from({ length: BATCHES }, (_, b) =>
    Array.from({ length: BATCH_SIZE }, (_, i) => {
      const start = new Date(firstHour - b * 3_600_000);
      const resourceUri = `/subscriptions/sub-${i % 50}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-${i}`;
      return {
        id: `rec-${b}-${i}`,
        name: `rec-${b}-${i}`,
        type: "Microsoft.Commerce/UsageAggregate",
        properties: {
          subscriptionId: `sub-${i % 50}`,
          usageStartTime: start.toISOString(),
          usageEndTime: new Date(start.getTime() + 3_600_000).toISOString(),
          instanceData: JSON.stringify({ "Microsoft.Resources": { resourceUri, location: "local", tags: null, additionalInfo: { ServiceType: "Standard_D2" } } }),
          quantity: 2,
          meterId: BASE_VM,
        },
      };
    }),
  );
}

async function run(label: string, openDb: () => Promise<Database>) {
  const { setDatabaseForTests } = await import("../lib/db");
  const { makeApssSubscription, makePartner } = await import("../tests/support/factories");
  const { makeRegistration } = await import("../tests/support/registration-fixtures");
  const { hashIngestionKey, generateIngestionKey, ingestionKeyDisplayPrefix } = await import("../lib/usage/ingestion-keys/ingestion-key-format");
  const { POST } = await import("../app/api/usage/ingest/route");
  const { parseUsageRecord } = await import("../lib/usage/parse-usage-record");
  const { mapUsageRecord } = await import("../lib/usage/gateway/map-usage-record");
  const { loadGatewayContext, loadKnownMeters } = await import("../lib/usage/load-gateway-context");
  const { usageRecordColumns, USAGE_RECORD_INSERT_COLUMNS, USAGE_RECORD_UNNEST } = await import("../lib/usage/store-usage-records");

  const database = await openDb();
  setDatabaseForTests(database);
  const prisma = database.prisma;
  const partner = await makePartner(prisma);
  const apss = await makeApssSubscription(prisma, partner.id);
  const registration = await makeRegistration(prisma, { partnerId: partner.id, subscriptionId: apss.id });
  const key = generateIngestionKey();
  await prisma.ingestionKey.create({ data: { registrationId: registration.id, name: "bench", prefix: ingestionKeyDisplayPrefix(key), keyHash: hashIngestionKey(key) } });

  const now = new Date();
  const batches = makeBatches(now);
  const bodies = batches.map((records) => gzipSync(JSON.stringify({ value: records })));

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const response = await POST(new Request(`http://localhost:${PORT}${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) }));
    res.writeHead(response.status, { "content-type": "application/json" });
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(PORT, resolve));

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const latencies: number[] = [];
  const started = performance.now();
  let accepted = 0;
  for (const body of bodies) {
    const t0 = performance.now();
    const response = await fetch(`http://localhost:${PORT}/api/usage/ingest`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "content-encoding": "gzip" },
      body: new Uint8Array(body),
    });
    const result = (await response.json()) as { accepted: number; rejected: number };
    if (response.status !== 200 || result.rejected > 0) throw new Error(`batch failed: ${response.status} ${JSON.stringify(result).slice(0, 300)}`);
    accepted += result.accepted;
    latencies.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  server.close();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];
  const total = BATCHES * BATCH_SIZE;
  console.log(`[${label}] HTTP ingest: ${total} records in ${BATCHES} batches of ${BATCH_SIZE}: ${Math.round(total / seconds)} records/s; ` +
    `batch p50 ${pct(50).toFixed(0)} ms, p95 ${pct(95).toFixed(0)} ms; peak RSS ${mb(peakRss)}; accepted ${accepted}; ` +
    `rated lines ${await prisma.ratedUsageLine.count({ where: { registrationId: registration.id } })}`);

  // Ceiling: the same rows, already validated and mapped in memory, inserted with one plain statement per batch.
  const [known, context] = await Promise.all([loadKnownMeters(), loadGatewayContext(registration, now, 48)]);
  const mapped = batches.map((records) =>
    records.map((raw) => {
      const parsed = parseUsageRecord(raw, known, now);
      if (!parsed.ok) throw new Error(parsed.reason);
      return mapUsageRecord(parsed.record, context);
    }),
  );
  await database.sql.query(`DELETE FROM "UsageRecord" WHERE "registrationId" = $1`, [registration.id]);
  const ceilingStart = performance.now();
  for (const rows of mapped) {
    await database.sql.query(`INSERT INTO "UsageRecord" (${USAGE_RECORD_INSERT_COLUMNS}) ${USAGE_RECORD_UNNEST}`, [registration.id, randomUUID(), ...usageRecordColumns(rows)]);
  }
  const ceilingSeconds = (performance.now() - ceilingStart) / 1000;
  console.log(`[${label}] ceiling (plain INSERT … unnest of the same rows): ${Math.round(total / ceilingSeconds)} records/s`);
  await database.close();
}

const { createTestDatabase } = await import("../tests/support/test-database");
const adminUrl = process.env.BENCH_DATABASE_URL;
delete process.env.TEST_DATABASE_URL;
await run("PGlite (in-memory)", createTestDatabase);
if (adminUrl) {
  process.env.TEST_DATABASE_URL = adminUrl;
  await run("PostgreSQL", createTestDatabase);
} else {
  console.log("PostgreSQL: skipped (set BENCH_DATABASE_URL=postgres://user@host:port/postgres to include it)");
}
