// `npm run bench:reconcile`: importing Microsoft's daily-rated recon file on the real code path
// (importReconciliationFile: stream → records cut at line feeds → COPY (FORMAT csv) into a temporary
// table → checks and conversion in one INSERT … SELECT → set-based matching).
// Generates a BENCH_LINES-line file (default 1,000,000; Partner Center's 52 columns, ~60 % of the
// lines re-dated with AdditionalInfo's azureStack.* keys, 2 % not Azure Stack) into a temporary
// file, and rated lines the matching meets (most keys match, some differ in quantity or price, some
// only on one side), then imports it on PostgreSQL (BENCH_DATABASE_URL, an admin postgres:// URL: a
// throwaway database is created and dropped) and on PGlite (in memory). Printed: lines/s of the
// staging (read + COPY) and of the whole import (matching included), and this process's peak RSS.
// BENCH_PHASES=1 also times the staging (its steps) and the matching apart; BENCH_EXPLAIN=1 (with it)
// prints the matching's EXPLAIN ANALYZE. Figures are printed, never asserted.
import { register } from "node:module";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import type { Database } from "../lib/database/open-database";

// lib/ imports "server-only" in places (throws outside Next's server bundle): resolve it to nothing.
register(
  `data:text/javascript,${encodeURIComponent(`export async function resolve(s, c, n) { return s === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : n(s, c); }`)}`,
);

const adminUrl = process.env.BENCH_DATABASE_URL;
const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
const SUBSCRIPTIONS = 1000;
// Enough VMs that every line (and the 3 % more rated lines) has a key of its own (subscription × VM × day), whatever BENCH_LINES.
const VMS = Math.max(40, Math.ceil((LINES * 1.03) / (SUBSCRIPTIONS * 30)));
const PERIOD = "2026-10";
const VM_METER = "7bc19779-56bc-474d-8c88-36fbd79ae004";
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

const HEADER =
  "PartnerId,PartnerName,CustomerId,CustomerName,CustomerDomainName,CustomerCountry,MpnId,Tier2MpnId,InvoiceNumber,ProductId,SkuId,AvailabilityId,SkuName,ProductName,PublisherName,PublisherId,SubscriptionDescription,SubscriptionId,ChargeStartDate,ChargeEndDate,UsageDate,MeterType,MeterCategory,MeterId,MeterSubCategory,MeterName,MeterRegion,Unit,ResourceLocation,ConsumedService,ResourceGroup,ResourceURI,ChargeType,UnitPrice,Quantity,UnitType,BillingPreTaxTotal,BillingCurrency,PricingPreTaxTotal,PricingCurrency,ServiceInfo1,ServiceInfo2,Tags,AdditionalInfo,EffectiveUnitPrice,PCToBCExchangeRate,PCToBCExchangeRateDate,EntitlementId,EntitlementDescription,PartnerEarnedCreditPercentage,CreditPercentage,CreditType";

/** Line i's key: subscription, VM and day, unique for i < SUBSCRIPTIONS × VMS × 30. */
const keyOf = (i: number) => ({ sub: i % SUBSCRIPTIONS, vm: Math.floor(i / SUBSCRIPTIONS) % VMS, day: 1 + (Math.floor(i / (SUBSCRIPTIONS * VMS)) % 30) });
const subscriptionId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const day = (d: number) => `${PERIOD}-${String(d).padStart(2, "0")}`;

async function writeFile(file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write(`${HEADER}\r\n`);
  let batch = "";
  for (let i = 0; i < LINES; i++) {
    const { sub, vm, day: d } = keyOf(i);
    const s = subscriptionId(sub);
    const azureStack = i % 50 !== 7;
    const quantity = i % 40 === 3 ? 30 : 24; // 2.5 % quantity differs
    const price = i % 70 === 5 ? "0.009" : "0.008"; // ~1.4 % price differs
    const total = (Math.floor(quantity * Number(price) * 100) / 100).toFixed(2);
    const uri = `/subscriptions/l-${sub}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm${vm}`;
    const usage = day(i % 5 < 3 ? Math.min(d + 1, 30) : d); // 60 % re-dated a day later by Microsoft
    const info = azureStack
      ? `"{""azureStack.MeterId"":""fab6eb84-500b-4a09-a8ca-7358f8bbaea5"",""azureStack.SubscriptionId"":""l-${sub}"",""azureStack.Location"":""local"",""azureStack.EventDateTime"":""${day(d)}T00:00:00Z""}"`
      : "{}";
    batch += `5a5a5a5a-0000-4000-8000-000000000001,Bench Partner,1e1e1e1e-0000-4000-8000-${String(sub).padStart(12, "0")},Customer ${sub},c${sub}.onmicrosoft.com,US,5000001,,G000000001,DZH318Z0BQ3Q,0001,DZH318Z0BQ4J,Azure plan,Azure plan,Microsoft,,Azure plan,${s},${PERIOD}-01,${PERIOD}-31,${usage},1 Core Hour,Virtual Machines,${azureStack ? VM_METER : "4c2ab1d0-8a3b-4a3e-9a6e-1f2e3d4c5b6a"},,VM,${azureStack ? "Azure Stack" : "US East"},1 Core Hour,local,Microsoft.Compute,rg,${uri},New,${price},${quantity},1 Core Hour,${total},USD,${total},USD,,,,${info},${price},1,${PERIOD}-01,${s},Azure plan,0,0,\r\n`;
    if (i % 2000 === 1999) {
      if (!out.write(batch)) await once(out, "drain");
      batch = "";
    }
  }
  out.end(batch);
  await once(out, "finish");
}

async function run(label: string, open: () => Promise<Database>, file: string): Promise<void> {
  const database = await open();
  const { setDatabaseForTests } = await import("../lib/db");
  setDatabaseForTests(database);
  try {
    const { makeWorld } = await import("../tests/support/world");
    const { makeRegistration } = await import("../tests/support/registration-fixtures");
    const { makeApssSubscription } = await import("../tests/support/factories");
    const { importReconciliationFile } = await import("../lib/reconciliation/import-reconciliation-file");
    const world = await makeWorld(database.prisma);
    const distributor = world.partners.distributor.id;
    const apss = await makeApssSubscription(database.prisma, distributor);
    const registration = await makeRegistration(database.prisma, { partnerId: distributor, subscriptionId: apss.id });
    const customer = world.customers.distributor.customer.id;
    await database.sql.query(
      `INSERT INTO "AzureSubscription" ("id", "type", "displayName", "status", "rollsUpToPartnerId", "customerId", "updatedAt")
       SELECT ('00000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, 'CSP', 'Azure plan', 'ACTIVE', $1, $2, now() FROM generate_series(0, $3::int - 1) n`,
      [distributor, customer, SUBSCRIPTIONS],
    );
    // The month's partition, as the portal's upkeep keeps it (the period is past the months it creates ahead).
    const { unsafeMaintainUsagePartitions } = await import("../lib/partitions/unsafe-maintain-usage-partitions");
    await unsafeMaintainUsagePartitions(database.sql, { since: new Date(`${PERIOD}-01T00:00:00Z`) });
    // The stamps' side: the same keys, except every 20th (billed, never reported); 3 % more keys only the stamps have.
    const started = performance.now();
    await database.sql.query(
      `INSERT INTO "RatedUsageLine" ("registrationId", "azureSubscriptionId", "commerceMeterId", "resourceUri", "usageDate", "eventDate", "localMeterId", "localSubscriptionId",
         "unregisteredTenant", "location", "quantity", "market", "currency", "unitPrice", "pretaxAmount")
       SELECT $1, ('00000000-0000-4000-8000-' || lpad((i % $3)::text, 12, '0'))::uuid, $4::uuid,
              '/subscriptions/l-' || (i % $3) || '/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm' || ((i / $3) % $5),
              ($6::date + ((i / ($3 * $5)) % 30)::int), ($6::date + ((i / ($3 * $5)) % 30)::int), 'fab6eb84-500b-4a09-a8ca-7358f8bbaea5', 'l-' || (i % $3),
              false, 'local', 24, 'US', 'USD', 0.008, 0.192
         FROM generate_series(0, ($2 * 103 / 100) - 1) i WHERE i % 20 <> 0 AND i % 50 <> 7`,
      [registration.id, LINES, SUBSCRIPTIONS, VM_METER, VMS, `${PERIOD}-01`],
    );
    // A month's rated lines have long been vacuumed and analysed by the time its recon file comes (autovacuum).
    await database.sql.query(`VACUUM ANALYZE "RatedUsageLine"`);
    console.log(`[${label}] rated lines generated (and vacuumed) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const scope = await world.scope("distributor", "BILLING_ADMIN");

    if (process.env.BENCH_PHASES === "1") {
      const { stageReconciliationFile } = await import("../lib/reconciliation/stage-reconciliation-file");
      const { unsafeMatchReconciliationImport } = await import("../lib/reconciliation/unsafe-match-reconciliation-import");
      const { discardReconciliationImport } = await import("../lib/reconciliation/discard-reconciliation-import");
      const steps: string[] = [];
      const s0 = performance.now();
      const staged = await stageReconciliationFile(database.sql, {
        partnerId: distributor,
        period: PERIOD,
        fileName: "phases.csv",
        source: createReadStream(file, { highWaterMark: 256 * 1024 }),
        importedById: null,
        tolerancePercent: "1",
        aggregateRatedLines: label.startsWith("PostgreSQL"),
        onStep: (step) => steps.push(`${step} ${((performance.now() - s0) / 1000).toFixed(1)} s`),
      });
      const s1 = performance.now();
      console.log(`[${label}] staging steps (ended at): ${steps.join(", ")}`);
      if (process.env.BENCH_EXPLAIN === "1") {
        // Rolled back: the plan is printed, the timed matching below starts from the same state.
        await database.sql
          .transaction(async (tx) => {
            await unsafeMatchReconciliationImport(tx, staged.importId, { ratedKeys: staged.ratedKeys, explain: (plan) => console.log(plan) });
            throw new Error("rollback");
          })
          .catch(() => undefined);
      }
      const m0 = performance.now();
      const pool = label.startsWith("PostgreSQL") ? database.sql : undefined;
      await database.sql.transaction((tx) => unsafeMatchReconciliationImport(tx, staged.importId, { ratedKeys: staged.ratedKeys, pool }));
      const s2 = performance.now();
      console.log(`[${label}] phases: staging (read, check, COPY, key) ${((s1 - s0) / 1000).toFixed(1)} s, matching ${((s2 - m0) / 1000).toFixed(1)} s`);
      await discardReconciliationImport(database.sql, staged.importId);
    }
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    const t0 = performance.now();
    const result = await importReconciliationFile(scope, {
      period: PERIOD,
      fileName: "bench.csv",
      source: createReadStream(file, { highWaterMark: 256 * 1024 }),
      tolerancePercent: "1",
    });
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const { rows } = await database.sql.query<{ class: string; n: string }>(
      `SELECT "class"::text AS "class", count(*)::text AS n FROM "ReconciliationLine" WHERE "importId" = $1 GROUP BY 1 ORDER BY 1`,
      [result.importId],
    );
    console.log(
      `[${label}] ${fmt(result.linesRead)} lines read (${fmt(result.azureStackLines)} Azure Stack, ${fmt(result.setAsideLines)} set aside), ${fmt(result.keys)} keys classified: ${rows.map((r) => `${r.class} ${fmt(Number(r.n))}`).join(", ")}`,
    );
    console.log(
      `[${label}] import ${seconds.toFixed(1)} s → ${fmt(result.linesRead / seconds)} lines/s (matching included); peak RSS ${mb(peakRss)}${label.startsWith("PostgreSQL") ? " (goal ≥ 50,000 lines/s)" : " (the in-memory database lives in this process)"}`,
    );
    const t1 = performance.now();
    const again = await importReconciliationFile(scope, {
      period: PERIOD,
      fileName: "bench.csv",
      source: createReadStream(file, { highWaterMark: 256 * 1024 }),
    });
    console.log(`[${label}] the same file again: alreadyImported=${again.alreadyImported} in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  } finally {
    await database.close();
  }
}

const dir = await mkdtemp(path.join(tmpdir(), "bench-reconcile-"));
const file = path.join(dir, "daily-rated.csv");
try {
  const t = performance.now();
  await writeFile(file);
  console.log(
    `bench:reconcile — ${fmt(LINES)} lines (BENCH_LINES), file ${mb((await stat(file)).size)} generated in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const { createTestDatabase } = await import("../tests/support/test-database");
  if (adminUrl) {
    process.env.TEST_DATABASE_URL = adminUrl;
    await run("PostgreSQL", createTestDatabase, file);
  } else {
    console.log("PostgreSQL: skipped (set BENCH_DATABASE_URL=postgres://user@host:port/postgres)");
  }
  delete process.env.TEST_DATABASE_URL;
  if (process.env.BENCH_SKIP_PGLITE !== "1") await run("PGlite (in-memory)", createTestDatabase, file);
} finally {
  await rm(dir, { recursive: true, force: true });
}
