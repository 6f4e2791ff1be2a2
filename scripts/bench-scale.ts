// `npm run bench:scale`: the scale benchmarks of docs/benchmarks.md#benchscale, one after another,
// each in its own process (the figures of one never carry another's heap or caches):
//   ingest   bench:partitions: ingest with UsageRecord empty vs pre-filled with 30M and 100M rows of
//            history (PostgreSQL; PGlite at a tenth: 3M and 10M) — the ratio is the goal;
//   recon    bench:recon, a 10-stamp partner's month: 15M lines (PGlite: 1.5M);
//   charts   bench:charts, the cost analysis and billing data functions at 10,000 customers × 13
//            months (PGlite: 1,000);
//   web      bench:web, 50 signed-in sessions against `next start` (PGlite, and PostgreSQL in a
//            database named stackcenter_bench_web on the BENCH_DATABASE_URL server);
//   pglite   bench:ingest on PGlite alone, the embedded default's own figure.
// PostgreSQL needs BENCH_DATABASE_URL (an admin URL, as the other benches); without it only the
// PGlite runs happen. BENCH_SCALE_ONLY=ingest,recon,… picks steps; BENCH_SCALE_FACTOR (default 1)
// scales every size down for a quick check (e.g. 0.01). Figures are printed, never asserted.
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const adminUrl = process.env.BENCH_DATABASE_URL;
const factor = Number(process.env.BENCH_SCALE_FACTOR ?? 1);
const only = new Set((process.env.BENCH_SCALE_ONLY ?? "ingest,recon,charts,web,pglite").split(",").map((step) => step.trim()));
const size = (n: number) => String(Math.max(1, Math.round(n * factor)));

interface Run {
  step: string;
  title: string;
  script: string;
  env: Record<string, string>;
}

function runs(): Run[] {
  const postgres = adminUrl ? { BENCH_DATABASE_URL: adminUrl } : null;
  const list: Run[] = [];
  const withoutPostgres = { BENCH_DATABASE_URL: "" };
  // bench:partitions ingests the same batches alternately into an empty and a pre-filled database,
  // so both figures see the same moment of the machine; PostgreSQL and PGlite in one run each.
  for (const history of [30_000_000, 100_000_000]) {
    list.push({
      step: "ingest",
      title: `ingest, UsageRecord empty vs pre-filled with ${size(history)} rows${postgres ? "" : " (PGlite only)"}; PGlite at a tenth`,
      script: "bench-partitions.ts",
      env: { ...(postgres ?? withoutPostgres), BENCH_PARTITIONS_ROWS: size(history), BENCH_PARTITIONS_REGISTRATIONS: "10" },
    });
  }
  if (postgres)
    list.push({ step: "recon", title: "recon export, PostgreSQL, 15M lines", script: "bench-recon.ts", env: { ...postgres, BENCH_LINES: size(15_000_000) } });
  list.push({ step: "recon", title: "recon export, PGlite, 1.5M lines", script: "bench-recon.ts", env: { ...withoutPostgres, BENCH_LINES: size(1_500_000) } });
  if (postgres)
    list.push({
      step: "charts",
      title: "charts, PostgreSQL, 10,000 customers × 13 months",
      script: "bench-charts.ts",
      env: { ...postgres, BENCH_PGLITE: "0", BENCH_CUSTOMERS: size(10_000) },
    });
  list.push({
    step: "charts",
    title: "charts, PGlite, 1,000 customers × 13 months",
    script: "bench-charts.ts",
    env: { ...withoutPostgres, BENCH_CUSTOMERS: size(1_000) },
  });
  list.push({ step: "web", title: "web tier, PGlite", script: "bench-web.ts", env: { ...withoutPostgres } });
  if (adminUrl) {
    const webDatabase = new URL(adminUrl);
    webDatabase.pathname = "/stackcenter_bench_web";
    list.push({ step: "web", title: "web tier, PostgreSQL", script: "bench-web.ts", env: { BENCH_DATABASE_URL: webDatabase.toString() } });
  }
  list.push({
    step: "pglite",
    title: "ingest, PGlite alone (the embedded default)",
    script: "bench-ingest.ts",
    env: { ...withoutPostgres, BENCH_ONLY: "pglite" },
  });
  return list.filter((run) => only.has(run.step));
}

console.log(
  `bench:scale on ${os.cpus().length} CPUs, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB, node ${process.version}, ${new Date().toISOString()}; ` +
    `scale factor ${factor}; PostgreSQL ${adminUrl ? "included" : "skipped (set BENCH_DATABASE_URL)"}`,
);
let failed = 0;
for (const run of runs()) {
  console.log(`\n=== ${run.title} (load average ${os.loadavg()[0].toFixed(1)})`);
  const started = performance.now();
  const result = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), [path.join("scripts", run.script)], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NODE_OPTIONS: "--max-semi-space-size=64", ...run.env },
  });
  if (result.status !== 0) failed++;
  console.log(`=== ${run.title}: ${result.status === 0 ? "done" : `FAILED (exit ${result.status})`} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
process.exitCode = failed > 0 ? 1 : 0;
