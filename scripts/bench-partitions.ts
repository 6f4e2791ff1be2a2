// `npm run bench:partitions`: does ingest slow down as UsageRecord fills up? Ingest throughput (the
// ingest service, unsafeIngestUsageBatch, as the route calls it) into two databases side by side,
// batch by batch in turn: one with UsageRecord empty, one holding a COPY of generated history:
// 180 days of hourly records of several other registrations, spread over the monthly partitions
// as the portal keeps them (the history is COPYed into the partitioned table, lands in DEFAULT for
// months without a partition, and the partition upkeep moves it into its months, timed). Printed, never asserted: records/s empty and
// pre-filled and their ratio (the goal: pre-filled ≥ 0.9 × empty).
// Databases: in-memory PGlite always; also PostgreSQL when BENCH_DATABASE_URL=postgres://… (an
// admin URL: a throwaway database is created and dropped).
// Options: BENCH_PARTITIONS_ROWS (history rows, default 200,000; PGlite gets a tenth of it unless
// BENCH_PARTITIONS_PGLITE_ROWS is set), BENCH_PARTITIONS_REGISTRATIONS (history registrations, default 4),
// BENCH_PARTITIONS_BATCHES (measured batches per database, default 3), BENCH_PARTITIONS_BATCH_SIZE (default
// 20,000), BENCH_ONLY=pglite|postgres, BENCH_PARTITIONS_DAYS (the history's span, default 180: e.g. 8 days of 4.4M rows
// have the rows per hour of 100M over 180 days, where the batches land). Keep the history small on a shared machine. BENCH_PARTITIONS_AHEAD=1 (create the history's months before its COPY).
// BENCH_PARTITIONS_DROP_CACHES=1 (Linux, as root): after the history's VACUUM, write back and drop the OS page cache,
// so the batches meet the history's index pages on disk, as a table larger than memory has them.
import { randomUUID } from "node:crypto";
import { register } from "node:module";
import os from "node:os";
import type { Database } from "../lib/database/open-database";
import { usageSeriesKey } from "../lib/usage/ingest/domain/usage-series-key";

// lib/ imports "server-only" (throws outside Next's server bundle): resolve it to an empty module.
register(
  `data:text/javascript,${encodeURIComponent(`export async function resolve(s, c, n) { return s === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : n(s, c); }`)}`,
);

const ROWS = Number(process.env.BENCH_PARTITIONS_ROWS ?? 200_000);
const PGLITE_ROWS = Number(process.env.BENCH_PARTITIONS_PGLITE_ROWS ?? Math.round(ROWS / 10));
const REGISTRATIONS = Math.max(1, Number(process.env.BENCH_PARTITIONS_REGISTRATIONS ?? 4));
const BATCHES = Math.max(1, Number(process.env.BENCH_PARTITIONS_BATCHES ?? 3));
const BATCH_SIZE = Math.min(Number(process.env.BENCH_PARTITIONS_BATCH_SIZE ?? 20_000), 50_000);
/** The history's span: 180 days; fewer reproduce a larger history's rows per hour on a small disk. */
const HISTORY_DAYS = Math.max(8, Number(process.env.BENCH_PARTITIONS_DAYS ?? 180));
const HISTORY_HOURS = HISTORY_DAYS * 24;
const HOUR = 3_600_000;
const SUBSCRIPTIONS = 20;
const METER = "fab6eb84-500b-4a09-a8ca-7358f8bbaea5";
const COMMERCE_METER = "6dab500f-a4fd-49c4-956d-229bb9c8c793";

/** COPY text of `rows` history records, spread evenly over the history's days (hourly) before `until`, across the registrations. */
function* historyRows(rows: number, until: number): Generator<string> {
  const perHour = Math.max(1, Math.ceil(rows / HISTORY_HOURS));
  const resources = Array.from({ length: perHour }, (_, i) => {
    const registrationId = `history-registration-${i % REGISTRATIONS}`;
    const sub = `local-sub-${i % SUBSCRIPTIONS}`;
    const uri = `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-${i}`;
    return `${usageSeriesKey(registrationId, sub, METER, uri)}\t${registrationId}\t${sub}\t${METER}\t${uri}`;
  });
  const azureSubscriptionId = randomUUID();
  let chunk = "";
  for (let h = 0; h < HISTORY_HOURS; h++) {
    const start = new Date(until - (HISTORY_HOURS - h) * HOUR).toISOString();
    const end = new Date(until - (HISTORY_HOURS - h - 1) * HOUR).toISOString();
    const day = start.slice(0, 10);
    const count = Math.floor(((h + 1) * rows) / HISTORY_HOURS) - Math.floor((h * rows) / HISTORY_HOURS);
    for (let i = 0; i < count; i++) {
      chunk += `${resources[i]}\t${start}\t${end}\t${1 + (i % 8)}\t${azureSubscriptionId}\t${day}\t${COMMERCE_METER}\t${1 + (i % 8)}\n`;
    }
    if (chunk.length > 1_000_000) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

/** Batch b: hourly records of BATCH_SIZE / 24 VMs over the 24 hours of day b before `now`'s (a collector's window). */
/** Yesterday 12:00 UTC: each batch's 24 hours span two usage days, as a collector's window does. */
function newestHourOf(now: Date): number {
  return Math.floor(now.getTime() / (24 * HOUR)) * 24 * HOUR - 12 * HOUR;
}

function makeBatch(now: Date, b: number): unknown[] {
  const newestHour = newestHourOf(now);
  const resources = Math.ceil(BATCH_SIZE / 24);
  const records: unknown[] = [];
  for (let h = 0; h < 24 && records.length < BATCH_SIZE; h++) {
    const start = new Date(newestHour - (b * 24 + h) * HOUR);
    for (let i = 0; i < resources && records.length < BATCH_SIZE; i++) {
      const sub = `local-sub-${i % SUBSCRIPTIONS}`;
      records.push({
        id: `/subscriptions/provider/providers/Microsoft.Commerce.Admin/UsageAggregate/${sub}-${METER}`,
        name: `${sub}-${METER}`,
        type: "Microsoft.Commerce.Admin/UsageAggregate",
        properties: {
          subscriptionId: sub,
          usageStartTime: start.toISOString(),
          usageEndTime: new Date(start.getTime() + HOUR).toISOString(),
          instanceData: JSON.stringify({
            "Microsoft.Resources": {
              resourceUri: `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-${i}`,
              location: "local",
            },
          }),
          quantity: 1 + (i % 8),
          meterId: METER,
        },
      });
    }
  }
  return records;
}

interface Side {
  database: Database;
  registrationId: string;
  ms: number[];
}

async function run(label: string, openDb: () => Promise<Database>, historyRowCount: number) {
  const { setDatabaseForTests } = await import("../lib/db");
  const { makeWorld } = await import("../tests/support/world");
  const { makeUsageRegistration, makePriceList, COMMERCE } = await import("../tests/support/usage-fixtures");
  const { unsafeSyncLocalSubscriptions } = await import("../lib/usage/unsafe-sync-local-subscriptions");
  const { unsafeIngestUsageBatch } = await import("../lib/usage/unsafe-ingest-usage-batch");
  const { unsafeMaintainUsagePartitions } = await import("../lib/partitions/unsafe-maintain-usage-partitions");
  const now = new Date();

  const setUp = async (): Promise<Side> => {
    const database = await openDb();
    setDatabaseForTests(database);
    const world = await makeWorld(database.prisma);
    const { registration, tenantId } = await makeUsageRegistration(database.prisma, world);
    await makePriceList(database.prisma, { market: "US", currency: "USD", effectiveFrom: "2020-01-01", prices: { [COMMERCE.vm]: "0.008" } });
    await unsafeSyncLocalSubscriptions(registration.id, {
      value: Array.from({ length: SUBSCRIPTIONS }, (_, i) => ({
        subscriptionId: `local-sub-${i}`,
        tenantId,
        isProviderSubscription: false,
        displayName: null,
      })),
    });
    await unsafeMaintainUsagePartitions(database.sql, { now });
    return { database, registrationId: registration.id, ms: [] };
  };
  // Two databases side by side, the same registration and batches in each: one keeps UsageRecord
  // empty, the other gets the history. Batches alternate between them, so both figures see the
  // same moments of a shared machine.
  const empty = await setUp();
  const filled = await setUp();

  // BENCH_PARTITIONS_AHEAD=1: the history's months exist before the COPY (as the upkeep keeps
  // them for usage arriving day by day), so it goes straight into them: half the disk of a COPY
  // into DEFAULT that the upkeep then moves (at 100M rows that move alone needs ~30 GB more).
  if (process.env.BENCH_PARTITIONS_AHEAD === "1")
    await unsafeMaintainUsagePartitions(filled.database.sql, { now, since: new Date(now.getTime() - (HISTORY_DAYS + 1) * 24 * HOUR) });
  const c0 = performance.now();
  const copied = await filled.database.sql.copyFrom(
    `COPY "UsageRecord" ("seriesKey", "registrationId", "localSubscriptionId", "localMeterId", "resourceUri", "usageStart", "usageEnd",
       "quantity", "azureSubscriptionId", "usageDate", "commerceMeterId", "commerceQuantity") FROM STDIN`,
    historyRows(historyRowCount, Math.floor(now.getTime() / HOUR) * HOUR),
  );
  const copySeconds = (performance.now() - c0) / 1000;
  const u0 = performance.now();
  const upkeep = await unsafeMaintainUsagePartitions(filled.database.sql, { now });
  const upkeepSeconds = (performance.now() - u0) / 1000;
  await filled.database.sql.query(`VACUUM (ANALYZE) "UsageRecord"`);
  if (process.env.BENCH_PARTITIONS_DROP_CACHES === "1") (await import("node:child_process")).execSync("sync; echo 3 > /proc/sys/vm/drop_caches");
  const { rows: partitions } = await filled.database.sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_inherits WHERE inhparent = '"UsageRecord"'::regclass`,
  );

  // Batch 0 warms each side up (JIT, caches) and is not counted.
  for (let b = 0; b <= BATCHES; b++) {
    const batch = makeBatch(now, b);
    for (const side of [empty, filled]) {
      setDatabaseForTests(side.database);
      const t0 = performance.now();
      // Ingested 2 hours after its newest hour, as a collector delivers: no batch is late (re-dated).
      const result = await unsafeIngestUsageBatch(side.registrationId, batch, { now: new Date(newestHourOf(now) - b * 24 * HOUR + 2 * HOUR) });
      if (b > 0) side.ms.push(performance.now() - t0);
      if (result.rejected > 0 || result.accepted !== batch.length) throw new Error(`batch ${b}: ${JSON.stringify(result).slice(0, 300)}`);
    }
  }
  const rate = (side: Side) => (BATCHES * BATCH_SIZE) / (side.ms.reduce((a, b) => a + b, 0) / 1000);
  const { rows: total } = await filled.database.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "UsageRecord"`);

  console.log(
    `[${label}] history: COPY of ${copied} rows (${REGISTRATIONS} registrations, ${HISTORY_DAYS} days) in ${copySeconds.toFixed(1)} s (${Math.round(copied / copySeconds)} rows/s); ` +
      `upkeep moved ${upkeep.moved} rows out of DEFAULT into ${upkeep.created.length} new partitions in ${upkeepSeconds.toFixed(1)} s; ` +
      `UsageRecord: ${total[0]?.n} rows in ${partitions[0]?.n} partitions`,
  );
  console.log(
    `[${label}] ingest, ${BATCHES} × ${BATCH_SIZE} records each: empty ${Math.round(rate(empty))} records/s; pre-filled ${Math.round(rate(filled))} records/s; ` +
      `pre-filled = ${(rate(filled) / rate(empty)).toFixed(2)} × empty (per batch: ${filled.ms.map((ms, b) => (empty.ms[b] / ms).toFixed(2)).join(", ")})`,
  );
  await empty.database.close();
  await filled.database.close();
}

console.log(
  `bench:partitions settings: history ${ROWS} rows on PostgreSQL, ${PGLITE_ROWS} on PGlite; ${BATCHES} measured batches per database (after 1 warm-up) × ${BATCH_SIZE} records; ` +
    `node ${process.version}; ${os.cpus().length} CPUs (load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")})`,
);
const { createTestDatabase } = await import("../tests/support/test-database");
const adminUrl = process.env.BENCH_DATABASE_URL;
const only = process.env.BENCH_ONLY;
delete process.env.TEST_DATABASE_URL;
if (only !== "postgres") await run("PGlite (in-memory)", createTestDatabase, PGLITE_ROWS);
if (only !== "pglite") {
  if (adminUrl) {
    process.env.TEST_DATABASE_URL = adminUrl;
    await run("PostgreSQL", createTestDatabase, ROWS);
  } else {
    console.log("PostgreSQL: skipped (set BENCH_DATABASE_URL=postgres://user@host:port/postgres to include it)");
  }
}
