import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { createTestDatabase } from "./support/test-database";
import { makeWorld, type World } from "./support/world";
import { setDatabaseForTests } from "../lib/db";
import type { Database } from "../lib/database/open-database";
import { seedDemoPriceList } from "../prisma/seed/pricing-demo";
import { listPriceItems } from "../lib/pricing/list-price-items";
import { getPriceListContext } from "../lib/pricing/get-price-list-context";
import { getPriceOnDate, getPricesOnDate } from "../lib/pricing/get-price-on-date";
import { getPriceListItem } from "../lib/pricing/get-price-list-item";
import { exportPriceListCsv } from "../lib/pricing/export-price-list";
import { importPriceList } from "../lib/pricing/import-price-list";
import { PRICE_LIST_HEADER, PRICE_SHEET_HEADER } from "../lib/pricing/price-list-columns";
import { priceListQuerySchema, resolvePriceListQuery, type PriceListQuery } from "../lib/pricing/price-list-query";
import { DomainError } from "../lib/errors";
import { searchWordsOf } from "../lib/pricing/parse-price-row";
import type { PartnerScope } from "../lib/auth/partner-scope";

const WINDOWS_VM = "fb8c0713-ea20-40bf-901f-5560fd3f6330";
const BASE_VM = "7bc19779-56bc-474d-8c88-36fbd79ae004";
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

let database: Database;
let world: World;
let billing: PartnerScope;

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabaseForTests(database);
  world = await makeWorld(database.prisma);
  await database.prisma.$transaction((tx) => seedDemoPriceList(tx), { timeout: 60_000 });
  billing = await world.scope("direct", "BILLING_ADMIN");
});
afterAll(() => database.close());

/** As the page does it: URL values through the schema (which normalises), then defaults. */
const resolve = (query: PriceListQuery) => resolvePriceListQuery(priceListQuerySchema.parse({ date: "2026-03-01", ...query }));
const list = (query: PriceListQuery, scope = billing) => listPriceItems(scope, resolve(query));

async function exportCsv(scope: PartnerScope, query: PriceListQuery): Promise<string[][]> {
  let text = "";
  for await (const chunk of await exportPriceListCsv(scope, resolve(query))) text += chunk;
  return parse(text) as string[][];
}

async function* once(text: string) {
  yield text;
}

describe("demo price list and browsing", () => {
  it("defaults to Region = Azure Stack: the 14 commerce meters in two markets", async () => {
    const page = await list({});
    expect(page.total).toBe(28);
    expect(new Set(page.rows.map((row) => row.region))).toEqual(new Set(["Azure Stack"]));
    const context = await getPriceListContext(billing, "2026-03-01");
    expect(context.markets.map((m) => `${m.market}/${m.currency}`)).toEqual(["DE/EUR", "US/USD"]);
    expect(context.hasDemoPrices).toBe(true);
    expect(context.regions.length).toBeGreaterThan(5);
    expect(context.regions).toContain("Azure Stack");
    expect(context.categories).toEqual(expect.arrayContaining(["Virtual Machines", "Storage", "App Service", "SQL Database"]));
  });

  it("filters by search, market, service and region, sorts and paginates on the server", async () => {
    const windows = await list({ q: "Windows" });
    expect(windows.rows.map((row) => `${row.skuTitle} ${row.market} ${row.unitPrice}`).sort()).toEqual([
      "Windows VM Admin DE 0.04232",
      "Windows VM Admin US 0.046",
      "Windows VM DE 0.04232",
      "Windows VM US 0.046",
    ]);
    expect((await list({ q: "windows", region: "all" })).total).toBeGreaterThan(4);
    const byMeter = await list({ q: WINDOWS_VM.replace(/-/g, "").toUpperCase() });
    expect(byMeter.rows.map((row) => `${row.meterId} ${row.market}`).sort()).toEqual([`${WINDOWS_VM} DE`, `${WINDOWS_VM} US`]);
    const de = await list({ market: "de" });
    expect(de.total).toBe(14);
    expect(de.rows.every((row) => row.currency === "EUR")).toBe(true);
    const storage = await list({ category: "Storage" });
    expect(storage.total).toBe(16);
    const all = await list({ region: "all", sort: "price", dir: "desc" });
    expect(all.total).toBeGreaterThan(300);
    expect(all.pageCount).toBeGreaterThan(6);
    const prices = all.rows.map((row) => Number(row.unitPrice)); // comparison only, never money maths
    expect([...prices].sort((a, b) => b - a)).toEqual(prices);
    const page2 = await list({ region: "all", page: 2 });
    expect(page2.page).toBe(2);
    expect(page2.rows[0].id).not.toBe((await list({ region: "all" })).rows[0].id);
    expect((await list({ region: "EU West", q: "100%_" })).total).toBe(0); // LIKE wildcards are literal
    expect((await list({ date: "2025-12-31" })).total).toBe(0); // before the first version
  });

  it("is open to sales agents, who quote from the price list (as in Partner Center)", async () => {
    await expect(list({}, await world.scope("direct", "SALES_AGENT"))).resolves.toBeDefined();
  });
});

describe("search words", () => {
  it("keeps each word once (and none inside a kept one), matching exactly the words the whole text matches", () => {
    const text = "Virtual Machines Dsv5 Series S123 v4 S123 v4 Virtual\tMachines DZH318Z0BQ4X S123";
    expect(searchWordsOf(text)).toEqual(["virtual", "machines", "dsv5", "series", "s123", "v4", "dzh318z0bq4x"]);
    const whole = text.toLowerCase();
    for (const word of ["virtual", "machines", "tual", "dsv5", "s123", "v4", "s12", "dzh318", "3z0", "series", "x", "windows", "s123v4", "4x"]) {
      expect(
        searchWordsOf(text).some((kept) => kept.includes(word)),
        word,
      ).toBe(whole.includes(word));
    }
  });
});

describe("price on a date across versions", () => {
  let versionId: string;
  beforeAll(async () => {
    const rows = [
      [...PRICE_LIST_HEADER],
      [
        "Azure Stack Hub Virtual Machines",
        "DZH1",
        "WVM1",
        "Windows VM",
        "Microsoft",
        "",
        "1 Core Hour",
        "",
        "US",
        "USD",
        "0.05",
        "0",
        "",
        "",
        "",
        WINDOWS_VM,
        "Consumption",
        "",
        "Azure Stack",
        "Windows VM, 1 Core Hour",
        "Virtual Machines",
        "",
      ],
      [
        "Azure Stack Hub Virtual Machines",
        "DZH1",
        "VM01",
        "VM",
        "Microsoft",
        "",
        "1 Core Hour",
        "",
        "US",
        "USD",
        "0.009",
        "0",
        "",
        "2026-06-01",
        "2026-06-30",
        BASE_VM,
        "Consumption",
        "",
        "Azure Stack",
        "VM, 1 Core Hour",
        "Virtual Machines",
        "",
      ],
    ];
    const result = await importPriceList(await world.operatorScope(), { source: once(stringify(rows)), fileName: "june.csv", effectiveFrom: "2026-06-01" });
    versionId = result.versionId;
  });

  it("uses the latest version effective on the day, per market, and the rows' own dates", async () => {
    const may = await getPriceOnDate(billing, WINDOWS_VM, "US", day("2026-05-31"));
    expect(may).toMatchObject({ currency: "USD", isDemo: true, effectiveFrom: "2026-01-01" });
    expect(may?.unitPrice.toFixed()).toBe("0.046");
    const june = await getPriceOnDate(billing, WINDOWS_VM.toUpperCase(), "us", day("2026-06-01"));
    expect(june).toMatchObject({ versionId, isDemo: false, effectiveFrom: "2026-06-01" });
    expect(june?.unitPrice.toFixed()).toBe("0.05");
    // DE has no newer version: still the demo EUR price.
    expect((await getPriceOnDate(billing, WINDOWS_VM, "DE", day("2026-07-01")))?.unitPrice.toFixed()).toBe("0.04232");
    // The base VM row of June ends on the 30th; the June version has no other row for it.
    expect((await getPriceOnDate(billing, BASE_VM, "US", day("2026-06-30")))?.unitPrice.toFixed()).toBe("0.009");
    expect(await getPriceOnDate(billing, BASE_VM, "US", day("2026-07-01"))).toBeNull();
    expect(await getPriceOnDate(billing, WINDOWS_VM, "US", day("2025-12-31"))).toBeNull();
    // The June version only has US rows: other US meters are unpriced from June on.
    expect(await getPriceOnDate(billing, "8a913f38-33b4-4772-9488-e89522fc09e5", "US", day("2026-06-15"))).toBeNull();
  });

  it("returns tiers in order for tiered meters (batch lookup)", async () => {
    const [tiered] = (await list({ region: "US East", q: "standard data transfer out", market: "US" })).rows;
    const prices = await getPricesOnDate(billing, "US", day("2026-03-01"), [tiered.meterId, "nonsense"]);
    const price = prices.get(tiered.meterId);
    expect(price?.tiers.map((t) => [t.min.toFixed(), t.max?.toFixed() ?? null, t.unitPrice.toFixed()])).toEqual([
      ["0", "100", "0"],
      ["100", null, "0.087"],
    ]);
    expect(prices.size).toBe(1);
  });

  it("shows a row with its version, tiers and price history", async () => {
    const [row] = (await list({ q: "windows vm", market: "US", date: "2026-06-15" })).rows.filter((r) => r.skuTitle === "Windows VM");
    const detail = await getPriceListItem(billing, row.id);
    expect(detail.version).toMatchObject({ id: versionId, sourceFileName: "june.csv" });
    expect(detail.history.map((h) => `${h.effectiveFrom} ${h.unitPrice}`)).toEqual(["2026-06-01 0.05", "2026-01-01 0.046"]);
    await expect(getPriceListItem(billing, "999999999")).rejects.toMatchObject({ code: "NotFound" });
    await expect(getPriceListItem(billing, "abc")).rejects.toMatchObject({ code: "NotFound" });
  });
});

describe("CSV download", () => {
  it("exports the filtered view in Partner Center's columns, re-importable as is", async () => {
    const records = await exportCsv(billing, { q: "Windows" });
    expect(records[0]).toEqual(PRICE_SHEET_HEADER);
    expect(records).toHaveLength(1 + 4);
    const all = await exportCsv(await world.scope("direct", "ADMIN_AGENT"), { region: "all", date: "2026-03-01" });
    expect(all.length - 1).toBe((await list({ region: "all" })).total);

    const operator = await world.operatorScope();
    const result = await importPriceList(operator, { source: once(stringify(records)), fileName: "roundtrip.csv", effectiveFrom: "2026-09-01" });
    expect(result.rowCount).toBe(4);
  });

  it("is for partners' billing roles and operators", async () => {
    await expect(exportCsv(await world.scope("direct", "SALES_AGENT"), {})).rejects.toBeInstanceOf(DomainError);
    expect((await exportCsv(await world.operatorScope(), {}))[0]).toEqual(PRICE_SHEET_HEADER);
  });
});
