// Two portal instances behind a load balancer behave as one (docs/operations.md#several-instances):
// two production servers (scripts/server.ts over the e2e build) on one fresh, seeded PostgreSQL
// database, behind a round-robin proxy that sends every request to the other instance than the one
// before. A signed-in session hops between them on every request; concurrent ingests, concurrent
// price imports and both instances' period close schedules (every 6 s) must leave the data as one
// instance would.
import { hkdfSync } from "node:crypto";
import { expect, test, type Browser } from "@playwright/test";
import pg from "pg";
import { stringify } from "csv-stringify/sync";
import { parse } from "csv-parse/sync";
import { DEMO_INGESTION_KEYS } from "../prisma/seed/usage-demo";
import { E2E_DATABASE_MODE } from "./support/server";
import { signIn } from "./support/sign-in";
import { startRoundRobinProxy, type RoundRobinProxy } from "./support/round-robin-proxy";
import { prepareDatabase, startPortalInstances, stopPortalInstances, type PortalInstance } from "./support/portal-instances";

test.skip(
  E2E_DATABASE_MODE !== "postgres",
  "Several instances need PostgreSQL: the embedded PGlite database lives in one process (its data folder has a single owner), so a second instance cannot open it.",
);
test.describe.configure({ mode: "serial" });

const E2E_PORT = Number(process.env.E2E_PORT ?? "3100");
const PORTS = [E2E_PORT + 100, E2E_PORT + 200];
const NEXTAUTH_SECRET = "stackcenter-two-instances-secret-not-for-production-0";
const RUN = Date.now().toString(36);

let databaseUrl = "";
let proxy: RoundRobinProxy;
let instances: PortalInstance[] = [];
let db: pg.Client;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const url = new URL(process.env.E2E_DATABASE_URL ?? "");
  url.pathname = `${url.pathname}_two_instances`;
  databaseUrl = url.toString();
  await prepareDatabase(databaseUrl);
  const balancer = await startRoundRobinProxy();
  proxy = balancer;
  instances = await startPortalInstances(PORTS, {
    DATABASE_URL: databaseUrl,
    NEXTAUTH_URL: balancer.url,
    NEXTAUTH_SECRET,
    STACKCENTER_SECRET_KEY: "stackcenter-two-instances-key-not-for-production-00",
    PERIOD_CLOSE_CHECK_MINUTES: "0.1",
    NEXT_TELEMETRY_DISABLED: "1",
  });
  balancer.setUpstreams(PORTS);
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
});

test.afterAll(async () => {
  await db?.end();
  await stopPortalInstances(instances);
  await proxy?.close();
});

async function proxiedPage(browser: Browser) {
  const context = await browser.newContext({ baseURL: proxy.url });
  return { context, page: await context.newPage() };
}

function servedTotal(): number[] {
  return PORTS.map((port) => proxy.served.get(port) ?? 0);
}

test("a signed-in session hops between the instances on every request: pages and an action work", async ({ browser }) => {
  const { context, page } = await proxiedPage(browser);
  const before = servedTotal();
  await signIn(page, "admin@contoso.example");
  for (const path of ["/customers", "/billing", "/usage", "/price-list", "/customers/new"]) {
    await page.goto(path);
    await expect(page.getByTestId("signed-in-user")).toBeVisible();
  }
  const name = `Two Instances ${RUN}`;
  await page.getByLabel("Company name").fill(name);
  await page.getByLabel("Directory domain").fill(`two${RUN}.onmicrosoft.com`);
  await page.getByLabel("Country").selectOption("NL");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  // Both instances served this session, many times each.
  servedTotal().forEach((count, i) => expect(count - before[i]).toBeGreaterThan(5));
  const { rows } = await db.query(`SELECT count(*)::int AS "n" FROM "AuditEvent" WHERE "action" = 'customer.create' AND "after"::text LIKE $1`, [`%${name}%`]);
  expect(rows[0].n).toBe(1);
  await context.close();
});

/** `count` hourly records of one VM per subscription `sub-<i>`, tagged with the run and the batch. */
function usageBatch(tag: string, count: number) {
  const newestHour = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 2 * 3_600_000;
  return Array.from({ length: count }, (_, i) => {
    const start = new Date(newestHour - (i % 12) * 3_600_000);
    const sub = `two-${RUN}-${tag}-${Math.floor(i / 12)}`;
    const uri = `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-${tag}`;
    return {
      id: `/subscriptions/provider/providers/Microsoft.Commerce.Admin/UsageAggregate/${sub}`,
      name: sub,
      type: "Microsoft.Commerce.Admin/UsageAggregate",
      properties: {
        subscriptionId: sub,
        usageStartTime: start.toISOString(),
        usageEndTime: new Date(start.getTime() + 3_600_000).toISOString(),
        instanceData: JSON.stringify({
          "Microsoft.Resources": { resourceUri: uri, location: "local", tags: null, additionalInfo: { ServiceType: "Standard_D2" } },
        }),
        quantity: 2,
        meterId: "fab6eb84-500b-4a09-a8ca-7358f8bbaea5",
      },
    };
  });
}

test("concurrent ingests through the balancer store every record once", async () => {
  const keys = ["adatum-seattle", "northwind-chicago"].map((key) => DEMO_INGESTION_KEYS.find((row) => row.registrationKey === key)?.key ?? "");
  const batches = Array.from({ length: 6 }, (_, b) => ({ key: keys[b % 2], records: usageBatch(`b${b}`, 1_200) }));
  // The first batch twice, at the same moment: its second copy is all duplicates, whichever instance loses.
  const sends = [...batches, batches[0]].map(({ key, records }) =>
    fetch(`${proxy.url}/api/usage/ingest`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ value: records }),
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as { accepted: number; duplicate: number; rejected: number } })),
  );
  const results = await Promise.all(sends);
  for (const result of results) expect(result.status, JSON.stringify(result.body)).toBe(200);
  const sum = (field: "accepted" | "duplicate" | "rejected") => results.reduce((total, result) => total + result.body[field], 0);
  expect(sum("accepted")).toBe(6 * 1_200);
  expect(sum("duplicate")).toBe(1_200);
  expect(sum("rejected")).toBe(0);
  const { rows } = await db.query(
    `SELECT count(*)::int AS "records", count(DISTINCT ("seriesKey", "usageStart"))::int AS "distinct", sum("quantity")::text AS "quantity"
       FROM "UsageRecord" WHERE "localSubscriptionId" LIKE $1`,
    [`two-${RUN}-%`],
  );
  expect(rows[0]).toEqual({ records: 7_200, distinct: 7_200, quantity: "14400.0000000000" });
});

test("two price list imports at once, one on each instance, both publish whole", async ({ browser }) => {
  const { context, page } = await proxiedPage(browser);
  await signIn(page, "operator@microsoft.example");
  const exported = await page.request.get(`/api/price-list/export?region=all&market=US&date=2026-03-01&columns=portal`);
  expect(exported.ok()).toBe(true);
  const csv = stringify(parse(await exported.text()) as string[][]);
  const rowCount = csv.trimEnd().split("\n").length - 1;
  const files = [`two-${RUN}-a.csv`, `two-${RUN}-b.csv`];
  const imports = await Promise.all(
    files.map((fileName, i) =>
      page.request.post(`/api/price-list/import?effectiveFrom=2031-0${i + 1}-01&fileName=${fileName}`, {
        headers: { origin: proxy.url, "content-type": "text/csv" },
        data: csv,
      }),
    ),
  );
  for (const response of imports) {
    const body = (await response.json()) as { ok: boolean; data?: { rowCount: number } };
    expect(response.status(), JSON.stringify(body)).toBe(200);
    expect(body.data?.rowCount).toBe(rowCount);
  }
  const { rows } = await db.query(
    `SELECT v."sourceFileName", v."status"::text, v."rowCount", (SELECT count(*)::int FROM "PriceListItem" i WHERE i."versionId" = v."id") AS "items"
       FROM "PriceListVersion" v WHERE v."sourceFileName" = ANY($1) ORDER BY v."sourceFileName"`,
    [files],
  );
  expect(rows).toEqual(files.map((sourceFileName) => ({ sourceFileName, status: "PUBLISHED", rowCount, items: rowCount })));
  const audits = await db.query(`SELECT count(*)::int AS "n" FROM "AuditEvent" WHERE "action" = 'price-list.import' AND "after"::text LIKE $1`, [
    `%two-${RUN}-%`,
  ]);
  expect(audits.rows[0].n).toBe(2);
  await context.close();
});

test("both instances run the period close schedule: every due period closes once, audited once, numbered without gaps", async () => {
  // The demo's usage history covers the whole month before last, so that period is due for both billing partners.
  await expect
    .poll(async () => (await db.query(`SELECT count(DISTINCT "partnerId")::int AS "n" FROM "BillingPeriodClose"`)).rows[0].n, { timeout: 120_000 })
    .toBe(2);
  // And the trigger called on both instances at the same moment, while their schedules may be running too.
  const token = Buffer.from(hkdfSync("sha256", NEXTAUTH_SECRET, "stackcenter", "period-close-trigger", 32)).toString("base64url");
  const triggers = await Promise.all(
    PORTS.map((port) => fetch(`http://127.0.0.1:${port}/api/periods/close-due`, { method: "POST", headers: { authorization: `Bearer ${token}` } })),
  );
  for (const response of triggers) expect(response.status).toBe(200);

  const closes = await db.query(
    `SELECT c."partnerId", c."period", c."invoiceCount",
            (SELECT count(*)::int FROM "AuditEvent" a WHERE a."targetType" = 'BillingPeriodClose' AND a."targetId" = c."id") AS "audits",
            (SELECT count(*)::int FROM "Invoice" i WHERE i."closeId" = c."id") AS "invoices"
       FROM "BillingPeriodClose" c ORDER BY c."partnerId", c."period"`,
  );
  expect(closes.rows.length).toBeGreaterThanOrEqual(2);
  for (const close of closes.rows) expect(close, JSON.stringify(close)).toMatchObject({ audits: 1, invoices: close.invoiceCount });
  const numbering = await db.query(
    `SELECT "partnerId", "year", count(*)::int AS "invoices", min("sequence")::int AS "first", max("sequence")::int AS "last", count(DISTINCT "number")::int AS "numbers"
       FROM "Invoice" GROUP BY "partnerId", "year"`,
  );
  for (const row of numbering.rows) expect(row, JSON.stringify(row)).toMatchObject({ first: 1, last: row.invoices, numbers: row.invoices });
});
