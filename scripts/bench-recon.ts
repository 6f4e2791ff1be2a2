// `npm run bench:recon`: the streamed recon export's throughput and memory on the real code path
// (resolveReconQuery → keyset pages → toReconLine → csv-stringify → web ReadableStream), reading a
// period of BENCH_LINES rated lines (default 1,000,000; the issue's goal is 5M on PostgreSQL).
// Printed: generation time, export rows/s, MB/s, peak RSS; with BENCH_DATABASE_URL (an admin
// postgres:// URL: a throwaway database is created and dropped) also `psql \copy (same query) to csv`
// as the ceiling. Figures are printed, never asserted.
import { register } from "node:module";
import { execFileSync } from "node:child_process";
import type { Database } from "../lib/database/open-database";

// lib/ imports "server-only" in places (throws outside Next's server bundle): resolve it to nothing.
register(`data:text/javascript,${encodeURIComponent(`export async function resolve(s, c, n) { return s === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : n(s, c); }`)}`);

const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
const CHUNK = 100_000;
const PERIOD = "2026-10";
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function run(label: string, openDb: () => Promise<Database>, adminUrl?: string) {
  const { makeWorld } = await import("../tests/support/world");
  const { makeRegistration } = await import("../tests/support/registration-fixtures");
  const { insertRatedLines } = await import("../tests/support/recon-fixtures");
  const { resolveReconQuery, RECON_SELECT } = await import("../lib/recon/recon-source");
  const { reconCsvStream } = await import("../lib/recon/stream-recon-csv");

  const database = await openDb();
  try {
    const world = await makeWorld(database.prisma);
    const subscriptionId = world.customers.direct.subscription.id;
    const registration = await makeRegistration(database.prisma, { partnerId: world.partners.direct.id, subscriptionId });
    const genStart = performance.now();
    for (let done = 0; done < LINES; done += CHUNK) {
      await insertRatedLines(database.sql, {
        registrationId: registration.id, subscriptionId, count: Math.min(CHUNK, LINES - done), firstDay: `${PERIOD}-01`, days: 31,
        resourcePrefix: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-${done}-`,
      });
    }
    await database.sql.query(`ANALYZE "RatedUsageLine"`);
    console.log(`[${label}] generated ${LINES.toLocaleString("en-US")} rated lines in ${((performance.now() - genStart) / 1000).toFixed(1)} s`);

    const scope = await world.scope("direct", "BILLING_ADMIN");
    const query = await resolveReconQuery(database.sql, scope, { period: PERIOD });
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    const start = performance.now();
    const reader = reconCsvStream(database.sql, query).getReader();
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
    }
    const seconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    console.log(
      `[${label}] streamed export: ${LINES.toLocaleString("en-US")} lines, ${mb(bytes)} in ${seconds.toFixed(1)} s → ` +
        `${Math.round(LINES / seconds).toLocaleString("en-US")} rows/s, ${(bytes / 1024 / 1024 / seconds).toFixed(1)} MB/s; peak RSS ${mb(peakRss)}`,
    );

    if (adminUrl) {
      const url = new URL(adminUrl);
      url.pathname = `/${database.location.split("/").pop()}`;
      const sql = `WITH page AS (SELECT * FROM "RatedUsageLine" l WHERE l."usageDate" BETWEEN '${query.from}' AND '${query.to}')${RECON_SELECT}`.replace(/\s+/g, " ");
      try {
        const copyStart = performance.now();
        execFileSync("psql", [url.toString(), "-q", "-c", `\\copy (${sql}) to '/dev/null' csv header`], { stdio: ["ignore", "ignore", "inherit"] });
        const copySeconds = (performance.now() - copyStart) / 1000;
        console.log(`[${label}] psql \\copy (same query, raw columns) ceiling: ${copySeconds.toFixed(1)} s → ${Math.round(LINES / copySeconds).toLocaleString("en-US")} rows/s`);
      } catch (error) {
        console.log(`[${label}] psql \\copy skipped: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
      }
    }
  } finally {
    await database.close();
  }
}

const { createTestDatabase } = await import("../tests/support/test-database");
const adminUrl = process.env.BENCH_DATABASE_URL;
delete process.env.TEST_DATABASE_URL;
if (adminUrl) {
  process.env.TEST_DATABASE_URL = adminUrl;
  await run("PostgreSQL", createTestDatabase, adminUrl);
} else {
  await run("PGlite (in-memory)", createTestDatabase);
  console.log("PostgreSQL: skipped (set BENCH_DATABASE_URL=postgres://user@host:port/postgres to include it and the psql \\copy ceiling)");
}
