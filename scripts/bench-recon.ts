// `npm run bench:recon`: the recon export's throughput and memory on the real code path
// (resolveReconQuery → chooseReconWriter: PostgreSQL COPY with cells formatted in SQL, or PGlite's
// keyset pages → toReconLine → csv-stringify), reading one period of BENCH_LINES rated lines.
// Default: 5,000,000 lines on PostgreSQL (BENCH_DATABASE_URL, an admin postgres:// URL: a throwaway
// database is created and dropped), 1,000,000 on PGlite. Printed: generation time, export rows/s,
// MB/s, peak RSS of this process; the billing-page totals query (SQL) time; on PostgreSQL also the
// JS path over one day of the period for comparison, and `psql \copy (same SELECT) to csv` as the
// ceiling with its own peak RSS, and the ratio. Figures are printed, never asserted.
import { register } from "node:module";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Database } from "../lib/database/open-database";

// lib/ imports "server-only" in places (throws outside Next's server bundle): resolve it to nothing.
register(
  `data:text/javascript,${encodeURIComponent(`export async function resolve(s, c, n) { return s === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : n(s, c); }`)}`,
);

const adminUrl = process.env.BENCH_DATABASE_URL;
const LINES = Number(process.env.BENCH_LINES ?? (adminUrl ? 5_000_000 : 1_000_000));
const CHUNK = 500_000;
const PERIOD = "2026-10";
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

/** Reads a stream to the end, sampling this process's RSS every 50 ms. */
async function drain(stream: ReadableStream<Uint8Array>): Promise<{ bytes: number; seconds: number; peakRss: number }> {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const start = performance.now();
  const reader = stream.getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
  }
  clearInterval(sampler);
  return { bytes, seconds: (performance.now() - start) / 1000, peakRss: Math.max(peakRss, process.memoryUsage().rss) };
}

/**
 * While `during` runs, another caller's one-row query every 100 ms (as /api/health or a second
 * partner's page would): how long such a query waits behind the export. PGlite has one connection.
 */
async function probeConcurrentQueries<T>(database: Database, during: Promise<T>): Promise<{ result: T; p50: number; max: number; count: number }> {
  const waits: number[] = [];
  let running = true;
  const prober = (async () => {
    while (running) {
      const start = performance.now();
      await database.sql.query("SELECT 1");
      waits.push(performance.now() - start);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const result = await during;
  running = false;
  await prober;
  waits.sort((a, b) => a - b);
  return { result, p50: waits[Math.floor(waits.length / 2)] ?? 0, max: waits[waits.length - 1] ?? 0, count: waits.length };
}

/** psql \copy of the same SELECT (one text column per line, as the export's COPY) to /dev/null; its peak RSS from /proc (VmHWM, sampled). */
function psqlCopy(url: string, select: string): Promise<{ seconds: number; peakRss: number }> {
  const psql = process.env.PSQL ?? "psql";
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(psql, [url, "-q", "-v", "ON_ERROR_STOP=1", "-c", `\\copy (${select.replace(/\s+/g, " ")}) to '/dev/null'`], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    let peakRss = 0;
    const sample = () => {
      try {
        const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1];
        if (kb) peakRss = Math.max(peakRss, Number(kb) * 1024);
      } catch {
        // the process just ended
      }
    };
    const sampler = setInterval(sample, 50);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearInterval(sampler);
      if (code === 0) resolve({ seconds: (performance.now() - start) / 1000, peakRss });
      else reject(new Error(`psql exited with ${code}`));
    });
  });
}

async function run(label: string, openDb: () => Promise<Database>) {
  const { makeWorld } = await import("../tests/support/world");
  const { makeRegistration } = await import("../tests/support/registration-fixtures");
  const { insertRatedLines } = await import("../tests/support/recon-fixtures");
  const { resolveReconQuery } = await import("../lib/recon/recon-source");
  const { reconCsvSelect } = await import("../lib/recon/recon-csv-sql");
  const { chooseReconWriter } = await import("../lib/recon/choose-recon-writer");
  const { JsReconWriter } = await import("../lib/recon/js-recon-writer");
  const { reconTotals } = await import("../lib/billing/recon-totals");
  const { csvDownloadStream } = await import("../lib/http/csv-download-stream");

  const database = await openDb();
  try {
    const world = await makeWorld(database.prisma);
    const subscriptionId = world.customers.direct.subscription.id;
    const registration = await makeRegistration(database.prisma, { partnerId: world.partners.direct.id, subscriptionId });
    // The month's partition, as the portal's upkeep keeps it (the period may be past the months it creates ahead).
    const { unsafeMaintainUsagePartitions } = await import("../lib/partitions/unsafe-maintain-usage-partitions");
    await unsafeMaintainUsagePartitions(database.sql, { since: new Date(`${PERIOD}-01T00:00:00Z`) });
    const genStart = performance.now();
    for (let done = 0; done < LINES; done += CHUNK) {
      await insertRatedLines(database.sql, {
        registrationId: registration.id,
        subscriptionId,
        count: Math.min(CHUNK, LINES - done),
        firstDay: `${PERIOD}-01`,
        days: 31,
        resourcePrefix: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-${done}-`,
      });
    }
    await database.sql.query(`ANALYZE "RatedUsageLine"`);
    console.log(`[${label}] generated ${fmt(LINES)} rated lines (INSERT … SELECT generate_series) in ${((performance.now() - genStart) / 1000).toFixed(1)} s`);

    const scope = await world.scope("direct", "BILLING_ADMIN");
    const query = await resolveReconQuery(database.sql, scope, { period: PERIOD });
    const path = database.sql.copyTo ? "COPY, cells formatted in SQL" : "JS: keyset pages → toReconLine → csv-stringify";
    // Through the download stream the route serves (it yields to other requests between chunks).
    const probed = await probeConcurrentQueries(database, drain(csvDownloadStream(chooseReconWriter(database.sql).write(query), "recon")));
    const exported = probed.result;
    const rowsPerSecond = LINES / exported.seconds;
    console.log(
      `[${label}] recon export (${path}): ${fmt(LINES)} lines, ${mb(exported.bytes)} in ${exported.seconds.toFixed(1)} s → ` +
        `${fmt(rowsPerSecond)} rows/s, ${(exported.bytes / 1024 / 1024 / exported.seconds).toFixed(1)} MB/s; peak RSS ${mb(exported.peakRss)}`,
    );

    console.log(
      `[${label}] a concurrent one-row query during the export (${probed.count} of them): p50 ${probed.p50.toFixed(0)} ms, max ${probed.max.toFixed(0)} ms`,
    );

    const totalsStart = performance.now();
    const totals = await reconTotals(database.sql, query);
    console.log(
      `[${label}] billing-page totals (SQL, FLOOR per line): ${totals.total.toFixed(2)} ${totals.currency} over ${fmt(totals.lines)} lines in ${((performance.now() - totalsStart) / 1000).toFixed(2)} s`,
    );

    if (adminUrl) {
      // The JS path (PGlite's) on the same server, over one day of the period, for comparison.
      const oneDay = await resolveReconQuery(database.sql, scope, { period: PERIOD, from: `${PERIOD}-02`, to: `${PERIOD}-02` });
      const { rows } = await database.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "RatedUsageLine" WHERE "usageDate" = $1::date`, [
        `${PERIOD}-02`,
      ]);
      const js = await drain(new JsReconWriter(database.sql).write(oneDay));
      console.log(`[${label}] JS path for comparison (one day, ${fmt(rows[0].n)} lines): ${fmt(rows[0].n / js.seconds)} rows/s; peak RSS ${mb(js.peakRss)}`);

      const url = new URL(adminUrl);
      url.pathname = `/${database.location.split("/").pop()}`;
      try {
        const ceiling = await psqlCopy(url.toString(), reconCsvSelect(query));
        const psqlRows = LINES / ceiling.seconds;
        console.log(
          `[${label}] psql \\copy (same SELECT) ceiling: ${ceiling.seconds.toFixed(1)} s → ${fmt(psqlRows)} rows/s; psql peak RSS ${mb(ceiling.peakRss)}`,
        );
        console.log(
          `[${label}] export / psql = ${(rowsPerSecond / psqlRows).toFixed(2)} (goal ≥ 0.5); export ${fmt(rowsPerSecond)} rows/s (goal ≥ 200,000), RSS ${mb(exported.peakRss)} (goal < 300 MB)`,
        );
      } catch (error) {
        console.log(`[${label}] psql \\copy skipped: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
      }
    }
  } finally {
    await database.close();
  }
}

const { createTestDatabase } = await import("../tests/support/test-database");
delete process.env.TEST_DATABASE_URL;
console.log(`bench:recon — ${fmt(LINES)} lines (BENCH_LINES; default 5,000,000 on PostgreSQL, 1,000,000 on PGlite)`);
if (adminUrl) {
  process.env.TEST_DATABASE_URL = adminUrl;
  await run("PostgreSQL", createTestDatabase);
} else {
  await run("PGlite (in-memory)", createTestDatabase);
  console.log("PostgreSQL: skipped (set BENCH_DATABASE_URL=postgres://user@host:port/postgres to include it and the psql \\copy ceiling)");
}
