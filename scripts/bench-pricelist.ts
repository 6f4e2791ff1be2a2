// `npm run bench:pricelist`: the price list's speed goals, measured on the real code paths.
//  1. Import a 100k-row Partner Center CSV (streamed from a file, as an upload would be): rows/s,
//     peak RSS and peak JS heap (goal ≥ 20k rows/s, flat memory: a 25k-row file is imported first
//     and the peaks compared).
//  2. The browse page query (count + one page) on those 100k rows: p50/p95 ms (goal p95 < 50 ms).
// Wall times and CPU times are both printed: on a shared machine the wall time includes waiting
// for a core, the CPU time is what the code costs.
// Database: a fresh migrated one from tests/support/test-database (in-memory PGlite by default; a
// throwaway PostgreSQL database when TEST_DATABASE_URL=postgres://… is set). Figures are printed,
// never asserted: they depend on the machine.
// Options: BENCH_ROWS (default 100000), BENCH_QUERY_RUNS (default 40), BENCH_WITHOUT_SEARCH_INDEX=1
// (drops the search box's GIN index on the word ids first, to show what building it costs the import),
// BENCH_IN_THREAD=1 (reads the CSV in the main thread instead of the import's worker, for A/B).
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { createReadStream, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { createTestDatabase } from "../tests/support/test-database";
import { emptyStageTimings, stagePriceList, type StageTimings } from "../lib/pricing/stage-price-list";
import { analyzePriceList, publishPriceListVersion } from "../lib/pricing/publish-price-list-version";
import { syntheticPriceListCsv } from "../lib/pricing/synthetic-price-list";
import { queryPriceListPage } from "../lib/pricing/query-price-list-page";
import { resolvePriceListQuery, type PriceListQuery } from "../lib/pricing/price-list-query";
import type { Database } from "../lib/database/open-database";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const QUERY_RUNS = Number(process.env.BENCH_QUERY_RUNS ?? 40);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function writeCsv(file: string, rows: number, meterPrefix: string) {
  await pipeline(Readable.from(syntheticPriceListCsv({ rows, meterPrefix, rowsPerChunk: 2000 })), createWriteStream(file));
  return (await stat(file)).size;
}

async function importFile(database: Database, file: string, effectiveFrom: string) {
  const peak = { rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed };
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peak.rss = Math.max(peak.rss, usage.rss);
    peak.heap = Math.max(peak.heap, usage.heapUsed);
  }, 25);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const databaseCpu = await serverCpuSeconds(database);
  const timings = emptyStageTimings();
  try {
    const staged = await stagePriceList(database, {
      source: createReadStream(file, { highWaterMark: 64 * 1024 }),
      fileName: path.basename(file),
      effectiveFrom,
      importedBy: null,
      timings,
      worker: process.env.BENCH_IN_THREAD !== "1",
    });
    const staging = performance.now();
    await database.prisma.$transaction((tx) => publishPriceListVersion(tx, staged.versionId, staged.rowCount), { timeout: 120_000 }).finally(staged.release);
    const publishing = performance.now();
    await analyzePriceList(database.sql, staged.versionId);
    const finished = performance.now();
    const phases = { ...timings, other: 0, publish: publishing - staging, analyze: finished - publishing };
    // In a worker, parse, validate and encode overlap the main thread's phases (not part of the sum).
    const nodeSide = staged.encoder === "worker" ? 0 : timings.parse + timings.validate + timings.encode;
    phases.other = staging - started - (nodeSide + timings.worker + timings.copy + timings.index + timings.words + timings.duplicates);
    const serverCpu = await serverCpuSeconds(database);
    const serverSeconds = serverCpu === null || databaseCpu === null ? null : serverCpu - databaseCpu;
    return { rows: staged.rowCount, seconds: (finished - started) / 1000, cpuSeconds: cpuSeconds(cpu), serverSeconds, peak, phases, encoder: staged.encoder };
  } finally {
    clearInterval(sampler);
  }
}

/** "parse 1.20 s (25%), …": where an import's wall time went (a worker's phases apart: they overlap). */
function phaseBreakdown(phases: StageTimings & { other: number; publish: number; analyze: number }, encoder: "worker" | "thread"): string {
  const format = (entries: [string, number][], total: number) =>
    entries.map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(2)} s (${((100 * ms) / total).toFixed(0)}%)`).join(", ");
  const { parse, validate, encode, worker, ...main } = phases;
  const nodeSide: [string, number][] = [
    ["parse", parse],
    ["validate", validate],
    ["encode", encode],
  ];
  if (encoder === "thread") {
    const entries: [string, number][] = [...nodeSide, ...Object.entries(main)];
    return format(
      entries,
      entries.reduce((sum, [, ms]) => sum + ms, 0),
    );
  }
  const entries: [string, number][] = [["waiting for the worker", worker], ...Object.entries(main)];
  const total = entries.reduce((sum, [, ms]) => sum + ms, 0);
  return `${format(entries, total)}; in the worker, overlapping: ${format(nodeSide, total)}`;
}

/** CPU seconds of this process (Node and, in PGlite mode, the database) since `since`. */
function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

/**
 * PostgreSQL on this machine only: CPU seconds used so far by the server processes serving this
 * database (read from /proc), so the import's cost on the server side is measured too, not only
 * the Node side. null on PGlite (it runs inside this process) or when /proc can't tell.
 */
async function serverCpuSeconds(database: Database): Promise<number | null> {
  if (database.mode !== "postgres") return null;
  const { rows } = await database.sql.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
  let ticks = 0;
  try {
    for (const { pid } of rows) {
      // Fields after "(comm) ": utime and stime are the 12th and 13th, in clock ticks (100/s).
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    }
  } catch {
    return null;
  }
  return ticks / 100;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "bench-pricelist-"));
  const database = await createTestDatabase();
  try {
    console.log(`price list benchmark: ${database.mode}, ${ROWS} rows, node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}`);
    if (process.env.BENCH_WITHOUT_SEARCH_INDEX === "1") {
      await database.sql.query(`DROP INDEX "PriceListItem_searchWords_idx"`);
      console.log("(without the search words' GIN index: not what the app runs)");
    }
    const small = path.join(dir, "small.csv");
    const large = path.join(dir, "large.csv");
    await writeCsv(small, Math.round(ROWS / 4), "a");
    const size = await writeCsv(large, ROWS, "b");
    if (global.gc) global.gc();

    const warm = await importFile(database, small, "2025-06-01");
    console.log(`import ${warm.rows} rows: ${(warm.rows / warm.seconds).toFixed(0)} rows/s, peak RSS ${mb(warm.peak.rss)}, peak heap ${mb(warm.peak.heap)}`);
    const run = await importFile(database, large, "2026-01-01");
    console.log(
      `import ${run.rows} rows (${mb(size)}): ${run.seconds.toFixed(2)} s, ${(run.rows / run.seconds).toFixed(0)} rows/s ` +
        `(goal ≥ 20000; ${(run.rows / run.cpuSeconds).toFixed(0)} rows per CPU-second), peak RSS ${mb(run.peak.rss)}, ` +
        `peak heap ${mb(run.peak.heap)} (heap flat if close to the ${warm.rows}-row import's; RSS also holds the database when it is in-memory PGlite)`,
    );
    const server =
      run.serverSeconds === null
        ? ""
        : `, PostgreSQL server ${run.serverSeconds.toFixed(2)} s, together ${(run.rows / (run.cpuSeconds + run.serverSeconds)).toFixed(0)} rows per CPU-second`;
    console.log(`  CPU: ${database.mode === "pglite" ? "Node + PGlite" : "Node"} ${run.cpuSeconds.toFixed(2)} s${server}`);
    console.log(`  phases (wall, CSV read in the ${run.encoder === "worker" ? "import's worker" : "main thread"}): ${phaseBreakdown(run.phases, run.encoder)}`);
    console.log(
      "  (parse = CSV reading, validate = row checks, encode = COPY text, copy = waiting on the database's COPY, " +
        "index = indexing the version's partition and attaching it, words = the version's vocabulary (copy, index, attach), duplicates = duplicate-meter check, other = version row and hand-overs, publish = facets + status, analyze = planner statistics)",
    );

    const queries: [string, PriceListQuery][] = [
      ["Region = Azure Stack (default), first page", {}],
      ['Azure Stack, search "dsv5 windows"', { q: "dsv5 windows" }],
      ['all regions, search "s123", sorted by price desc', { region: "all", q: "s123", sort: "price", dir: "desc" }],
      ["region EU West, category Storage, page 5", { region: "EU West", category: "Storage", page: 5 }],
      ["all regions, market US, page 1000", { region: "all", market: "US", page: 1000 }],
    ];
    for (const [label, raw] of queries) {
      const query = resolvePriceListQuery({ ...raw, date: "2026-03-01" });
      const times: number[] = [];
      const cpuTimes: number[] = [];
      let total = 0;
      for (let i = 0; i < QUERY_RUNS + 3; i++) {
        const started = performance.now();
        const cpu = process.cpuUsage();
        const page = await queryPriceListPage(database.sql, query);
        // The first runs warm caches and plans.
        if (i >= 3) {
          times.push(performance.now() - started);
          cpuTimes.push(cpuSeconds(cpu) * 1000);
        }
        total = page.total;
      }
      times.sort((a, b) => a - b);
      cpuTimes.sort((a, b) => a - b);
      console.log(
        `page query, ${label}: ${total} matching rows, p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms ` +
          `(goal p95 < 50; CPU p50 ${percentile(cpuTimes, 50).toFixed(1)} ms, p95 ${percentile(cpuTimes, 95).toFixed(1)} ms)`,
      );
    }
  } finally {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
