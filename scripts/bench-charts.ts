// `npm run bench:charts`: server time of the chart pages' data with 395 days (13 months) × 1,000 customers of
// rated lines loaded (BENCH_CUSTOMERS, BENCH_DAYS, BENCH_LINES_PER_DAY per customer: resources ×
// meters; default 6). Times the SAME lib functions the pages call, through the real scope
// (resolvePartnerScope reads the DB on every request, like requirePageScope):
// - customer usage page: scope → getCustomer → the cost analysis it opens on (by meter, daily, one
//   month: getCostAnalysis + getAccumulatedCost + getQuantityAnalysis, what /api/cost-analysis answers);
// - partner-wide (billing page / dashboard): scope → getPeriodTotals(partner) + listScopeRegistrations;
// - cost analysis: getCostAnalysis + getAccumulatedCost + getQuantityAnalysis (what /api/cost-analysis
//   answers) per customer in six views, and partner-wide.
// - both again with the partner billed in EUR (totals summed from the lines, converted per line).
// p50/p95 over BENCH_RUNS runs each, on PGlite (in-memory) and, with BENCH_DATABASE_URL (an admin
// postgres:// URL; a throwaway database), on PostgreSQL. Figures are printed, never asserted.
import { register } from "node:module";
import type { Database } from "../lib/database/open-database";
import type { CostAnalysisQuery } from "../lib/cost-analysis/cost-analysis-query";

register(
  `data:text/javascript,${encodeURIComponent(`export async function resolve(s, c, n) { return s === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : n(s, c); }`)}`,
);

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 1_000);
const DAYS = Number(process.env.BENCH_DAYS ?? 395);
const PER_DAY = Number(process.env.BENCH_LINES_PER_DAY ?? 6);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const LAST_DAY = "2026-10-31";
const PERIOD = "2026-10";
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function time(label: string, fn: () => Promise<unknown>) {
  await fn(); // warm-up (plans, caches)
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const p95 = percentile(samples, 95);
  console.log(
    `  ${label.padEnd(44)} p50 ${percentile(samples, 50).toFixed(1).padStart(7)} ms   p95 ${p95.toFixed(1).padStart(7)} ms ${p95 < 150 ? "(< 150 ms goal)" : "(over the 150 ms goal)"}`,
  );
}

async function run(label: string, openDb: () => Promise<Database>) {
  const { makePartner, makeUser } = await import("../tests/support/factories");
  const { makeRegistration } = await import("../tests/support/registration-fixtures");
  const { makeApssSubscription } = await import("../tests/support/factories");
  const { RECON_METERS, LOCAL_BASE_VM } = await import("../tests/support/recon-fixtures");
  const { setDatabaseForTests } = await import("../lib/db");
  const { resolvePartnerScope } = await import("../lib/auth/partner-scope");
  const { getCustomer } = await import("../lib/customers/get-customer");
  const { getPeriodTotals, listScopeRegistrations } = await import("../lib/billing/billing-overview");
  const { getCostAnalysis } = await import("../lib/cost-analysis/get-cost-analysis");
  const { getAccumulatedCost } = await import("../lib/cost-analysis/get-accumulated-cost");
  const { getQuantityAnalysis } = await import("../lib/cost-analysis/get-quantity-analysis");
  const { defaultCostAnalysisQuery } = await import("../lib/cost-analysis/cost-analysis-query");

  const database = await openDb();
  setDatabaseForTests(database);
  try {
    const { prisma, sql } = database;
    const partner = await makePartner(prisma, { kind: "DIRECT_CSP" });
    const user = await makeUser(prisma, { partnerId: partner.id, role: "BILLING_ADMIN" });
    const apss = await makeApssSubscription(prisma, partner.id);
    const registration = await makeRegistration(prisma, { partnerId: partner.id, subscriptionId: apss.id });
    // Every month's partition, as the portal's upkeep keeps them (13 months back from the last day).
    const { unsafeMaintainUsagePartitions } = await import("../lib/partitions/unsafe-maintain-usage-partitions");
    await unsafeMaintainUsagePartitions(sql, { since: new Date(Date.parse(`${LAST_DAY}T00:00:00Z`) - DAYS * 86_400_000) });
    const genStart = performance.now();
    await sql.query(
      `INSERT INTO "Customer" ("id","companyName","domain","tenantId","country","partnerId","updatedAt")
       SELECT 'bench-c-' || i, 'Bench Customer ' || i, 'bench' || i || '.onmicrosoft.com', gen_random_uuid(), 'US', $1, now()
         FROM generate_series(1, $2::int) i`,
      [partner.id, CUSTOMERS],
    );
    await sql.query(
      `INSERT INTO "AzureSubscription" ("id","type","displayName","rollsUpToPartnerId","customerId","updatedAt")
       SELECT gen_random_uuid(), 'CSP', 'Azure plan', $1, c."id", now() FROM "Customer" c WHERE c."partnerId" = $1`,
      [partner.id],
    );
    // One statement per 10 days: INSERT … SELECT over subscriptions × days × lines per day.
    for (let first = 0; first < DAYS; first += 10) {
      await sql.query(
        `INSERT INTO "RatedUsageLine" ("registrationId","azureSubscriptionId","commerceMeterId","resourceUri","usageDate","eventDate",
           "localMeterId","localSubscriptionId","unregisteredTenant","location","quantity","market","currency","unitPrice","pretaxAmount")
         SELECT $1, s."id", CASE WHEN k % 2 = 0 THEN $2::uuid ELSE $3::uuid END,
                '/subscriptions/' || s."id" || '/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-' || (k / 2),
                $4::date - d, $4::date - d, $5::uuid, 'local-' || left(s."id"::text, 8), false, 'local',
                ((k + 1) * 1.2345678)::numeric(28,10), 'US', 'USD', 0.0460000000, 0.046 * ((k + 1) * 1.2345678)
           FROM "AzureSubscription" s
          CROSS JOIN generate_series($6::int, $7::int) d
          CROSS JOIN generate_series(0, $8::int - 1) k
          WHERE s."rollsUpToPartnerId" = $9 AND s."customerId" IS NOT NULL`,
        [registration.id, RECON_METERS.blockBlob, RECON_METERS.vm, LAST_DAY, LOCAL_BASE_VM, first, Math.min(first + 9, DAYS - 1), PER_DAY, partner.id],
      );
    }
    await sql.query(`ANALYZE`);
    const { rows } = await sql.query<{ n: number; m: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE "usageDate" >= $1::date)::int AS m FROM "RatedUsageLine"`,
      [`${PERIOD}-01`],
    );
    console.log(
      `[${label}] loaded ${fmt(CUSTOMERS)} customers × ${DAYS} days × ${PER_DAY} lines = ${fmt(rows[0].n)} rated lines (${fmt(rows[0].m)} in ${PERIOD}) in ${((performance.now() - genStart) / 1000).toFixed(1)} s; ${RUNS} runs each:`,
    );

    const scope = async () => {
      const resolved = await resolvePartnerScope(prisma, { userId: user.id });
      if (!resolved) throw new Error("no scope");
      return resolved;
    };
    const customers = await prisma.customer.findMany({ where: { partnerId: partner.id }, select: { id: true }, orderBy: { id: "asc" } });
    const month = { ...defaultCostAnalysisQuery(new Date(`${LAST_DAY}T12:00:00Z`)), from: PERIOD, to: PERIOD };
    const customerUsagePage = async (customerId: string) => {
      const s = await scope();
      const customer = await getCustomer(s, customerId);
      const analysis = await getCostAnalysis(s, { customerId: customer.id }, month);
      await Promise.all([
        getAccumulatedCost(s, { customerId: customer.id }, month, analysis.currency),
        getQuantityAnalysis(s, { customerId: customer.id }, month),
      ]);
    };
    for (const pick of [0, Math.floor(customers.length / 2), customers.length - 1]) {
      const customerId = customers[pick].id;
      await time(`customer usage page (${customerId})`, () => customerUsagePage(customerId));
    }
    if (process.env.BENCH_EXPLAIN === "1") {
      // The partner-wide totals query's plan, to see where the time goes (BENCH_EXPLAIN=1).
      const { resolveReconQuery } = await import("../lib/recon/recon-source");
      const { reconTotalsQuery } = await import("../lib/billing/recon-totals");
      const { text, params } = reconTotalsQuery(await resolveReconQuery(sql, await scope(), { period: PERIOD }));
      const plan = await sql.query<Record<string, string>>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params);
      console.log(plan.rows.map((r) => Object.values(r)[0]).join("\n"));
    }
    await time("partner-wide billing page / dashboard", async () => {
      const s = await scope();
      await Promise.all([getPeriodTotals(s, { period: PERIOD }), listScopeRegistrations(s)]);
    });

    // Cost analysis (the /api/cost-analysis data functions), per customer and partner-wide.
    const year = { ...month, from: "2025-10", granularity: "monthly" as const };
    const customerId = customers[Math.floor(customers.length / 2)].id;
    const views: [string, CostAnalysisQuery][] = [
      ["by meter, daily, 1 month", month],
      ["by meter, monthly, 13 months", year],
      ["by resource, daily, 1 month", { ...month, groupBy: "resource" as const }],
      ["by resource, monthly, 13 months", { ...year, groupBy: "resource" as const }],
      ["by meter, compare previous month", { ...month, compare: "previous" as const }],
      ["by meter, 13 months vs the year before", { ...year, compare: "year" as const }],
    ];
    for (const [name, query] of views) {
      await time(`cost analysis: customer ${name}`, async () => {
        const s = await scope();
        const analysis = await getCostAnalysis(s, { customerId }, query);
        await Promise.all([getAccumulatedCost(s, { customerId }, query, analysis.currency), getQuantityAnalysis(s, { customerId }, query)]);
      });
    }
    const partnerViews: [string, CostAnalysisQuery][] = [
      ["by customer, monthly, 13 months", { ...year, groupBy: "customer" as const }],
      ["by meter, daily, 1 month", month],
    ];
    for (const [name, query] of partnerViews) {
      await time(`cost analysis: partner-wide ${name}`, async () => {
        const s = await scope();
        const analysis = await getCostAnalysis(s, {}, query);
        await getAccumulatedCost(s, {}, query, analysis.currency);
      });
    }
    // Billed in EUR (docs/currency.md): the totals are summed from the month's lines, each floored
    // after conversion, instead of read from the rollups.
    await prisma.partner.update({ where: { id: partner.id }, data: { billingCurrency: "EUR" } });
    await prisma.exchangeRate.create({
      data: {
        partnerId: partner.id,
        month: new Date(`${PERIOD}-01T00:00:00Z`),
        pricingCurrency: "USD",
        billingCurrency: "EUR",
        rate: "0.9234",
        rateDate: new Date(`${PERIOD}-01T00:00:00Z`),
      },
    });
    await time(`customer usage page in EUR (${customers[0].id})`, () => customerUsagePage(customers[0].id));
    if (process.env.BENCH_EXPLAIN === "1") {
      const { resolveReconQuery } = await import("../lib/recon/recon-source");
      const { reconTotalsQuery } = await import("../lib/billing/recon-totals");
      const { text, params } = reconTotalsQuery(await resolveReconQuery(sql, await scope(), { period: PERIOD }));
      const plan = await sql.query<Record<string, string>>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params);
      console.log(plan.rows.map((r) => Object.values(r)[0]).join("\n"));
    }
    await time("partner-wide billing page / dashboard in EUR", async () => {
      const s = await scope();
      await Promise.all([getPeriodTotals(s, { period: PERIOD }), listScopeRegistrations(s)]);
    });
  } finally {
    await database.close();
  }
}

const { createTestDatabase } = await import("../tests/support/test-database");
const adminUrl = process.env.BENCH_DATABASE_URL;
delete process.env.TEST_DATABASE_URL;
if (process.env.BENCH_PGLITE !== "0") await run("PGlite (in-memory)", createTestDatabase);
if (adminUrl) {
  process.env.TEST_DATABASE_URL = adminUrl;
  await run("PostgreSQL", createTestDatabase);
} else {
  console.log("PostgreSQL: skipped (set BENCH_DATABASE_URL=postgres://user@host:port/postgres to include it)");
}
