// Partner Center's own price list downloads import as they are (the Azure plan price sheet and the
// older Azure in Global CSP price list, fixtures in their documented shapes), the download writes
// the price sheet's columns and dates and re-imports unchanged, and rows of unknown markets or
// currencies foreign to their market are refused with line, column and reason.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type { Database } from "../lib/database/open-database";
import type { PartnerScope } from "../lib/auth/partner-scope";
import { importPriceList } from "../lib/pricing/import-price-list";
import { exportPriceListCsv, type PriceListExportColumns } from "../lib/pricing/export-price-list";
import { parsePriceListSearchParams, resolvePriceListQuery } from "../lib/pricing/price-list-query";
import { PRICE_LIST_HEADER, PRICE_SHEET_HEADER } from "../lib/pricing/price-list-columns";
import { checkMarketCurrency } from "../lib/pricing/check-market-currency";
import { type World } from "./support/world";
import { withTestWorld } from "./support/with-test-world";

let database: Database;
let world: World;
withTestWorld((context) => ({ database, world } = context));

const AZURE_PLAN_SHEET = "tests/fixtures/partner-center-azure-plan-price-sheet.csv";
const GLOBAL_CSP_LIST = "tests/fixtures/partner-center-global-csp-price-list.csv";

async function* bytesOf(text: string | Buffer) {
  yield typeof text === "string" ? Buffer.from(text) : text;
}

async function importFile(operator: PartnerScope, body: string | Buffer, effectiveFrom: string) {
  return importPriceList(operator, { source: bytesOf(body), fileName: "download.csv", effectiveFrom });
}

/** A version's rows, without what differs between two imports of the same prices (ids, version, line). */
async function storedRows(versionId: string) {
  const { rows } = await database.sql.query<Record<string, string | null>>(
    `SELECT "productTitle", "productId", "skuId", "skuTitle", "publisher", "skuDescription", "unitOfMeasure", "termDuration",
            "market", "currency", trim_scale("unitPrice")::text AS "unitPrice", trim_scale("tierMin")::text AS "tierMin",
            trim_scale("tierMax")::text AS "tierMax", to_char("effectiveStartDate", 'YYYY-MM-DD') AS "effectiveStartDate",
            to_char("effectiveEndDate", 'YYYY-MM-DD') AS "effectiveEndDate", "meterId"::text AS "meterId", "meterIds", "meterType",
            "tags", "region", "meterName", "meterCategory", "meterSubCategory"
       FROM "PriceListItem" WHERE "versionId" = $1 ORDER BY "meterId", "tierMin", "skuId"`,
    [versionId],
  );
  return rows;
}

async function exportCsv(operator: PartnerScope, market: string, date: string, columns: PriceListExportColumns): Promise<string> {
  const query = resolvePriceListQuery(parsePriceListSearchParams(new URLSearchParams({ region: "all", market, date })));
  let text = "";
  for await (const chunk of await exportPriceListCsv(operator, query, columns)) text += chunk;
  return text;
}

describe("Partner Center's price list downloads", () => {
  it("imports the Azure plan price sheet as downloaded: BOM, quoted cells, its dates, tiers; Azure Stack rows derived from the meter", async () => {
    const operator = await world.operatorScope();
    const result = await importFile(operator, await readFile(AZURE_PLAN_SHEET), "2031-01-01");
    expect(result).toMatchObject({ rowCount: 8, format: "azure-plan", derivedRegionRows: 4, markets: [{ market: "US", currency: "USD" }] });
    const rows = await storedRows(result.versionId);
    const byMeter = (meterId: string) => rows.filter((row) => row.meterId === meterId);

    // Microsoft's documented sample row, as written: "3/1/2018 12:00:00 AM", and "11/30/9999 11:59:59 PM" = no end.
    expect(byMeter("cb0969aa-aaaa-4d6c-ab4b-7e182fa06aff")).toEqual([
      expect.objectContaining({
        productTitle: "Advanced Data Security - SQL Database",
        productId: "DZH318Z0C16V",
        skuId: "001J",
        termDuration: "payG-1",
        unitPrice: "15",
        tierMin: "0",
        tierMax: null,
        effectiveStartDate: "2018-03-01",
        effectiveEndDate: null,
        meterType: "1 Node/Month",
        tags: "Azure",
        region: "",
        meterName: "",
      }),
    ]);
    // No region column: the Azure Stack commerce meters' rows are "Azure Stack" rows, named from the meter catalog.
    expect(byMeter("fb8c0713-ea20-40bf-901f-5560fd3f6330")[0]).toMatchObject({
      region: "Azure Stack",
      meterName: "Windows VM, 1 Core Hour",
      meterCategory: "Virtual Machines",
      meterSubCategory: "",
    });
    expect(byMeter("8a913f38-33b4-4772-9488-e89522fc09e5")[0]).toMatchObject({
      region: "Azure Stack",
      meterName: "Block Blob, 1 GB",
      meterCategory: "Storage",
      meterSubCategory: "Block Blob",
      skuDescription: 'Blob storage, "hot" data, GB/month',
    });
    expect(byMeter("7bc19779-56bc-474d-8c88-36fbd79ae004")[0]).toMatchObject({ effectiveStartDate: "2026-01-01", effectiveEndDate: "2032-12-31" });
    // Tier rows: PricingTierRangeMin/Max.
    expect(byMeter("9995d93a-7d35-4d3f-9c69-7a7fea447ef4").map((row) => [row.tierMin, row.tierMax, row.unitPrice])).toEqual([
      ["0", "100", "0"],
      ["100", "10240", "0.087"],
      ["10240", null, "0.083"],
    ]);
  });

  it("imports the older Azure in Global CSP price list (Region, MeterId, Unit, tier minimums, Rate) as downloaded", async () => {
    const operator = await world.operatorScope();
    const result = await importFile(operator, await readFile(GLOBAL_CSP_LIST, "utf8"), "2031-02-01");
    expect(result).toMatchObject({ rowCount: 6, format: "global-csp", derivedRegionRows: 0, markets: [{ market: "DE", currency: "EUR" }] });
    const rows = await storedRows(result.versionId);
    expect(rows.filter((row) => row.region === "Azure Stack").map((row) => row.meterId)).toEqual([
      "0c1fecb6-52d8-4130-bbfa-f79e6a5b056d",
      "8a913f38-33b4-4772-9488-e89522fc09e5",
      "fb8c0713-ea20-40bf-901f-5560fd3f6330",
    ]);
    expect(rows.find((row) => row.meterId === "fb8c0713-ea20-40bf-901f-5560fd3f6330")).toMatchObject({
      // Per meter, no product or sku: titles come from the meter's category and name.
      productTitle: "Virtual Machines",
      skuTitle: "Windows VM, 1 Core Hour",
      unitOfMeasure: "1 Core Hour",
      unitPrice: "0.0392",
      effectiveStartDate: "2018-03-01",
      currency: "EUR",
    });
    expect(rows.filter((row) => row.meterId === "9995d93a-7d35-4d3f-9c69-7a7fea447ef4").map((row) => [row.tierMin, row.unitPrice])).toEqual([
      ["0", "0.0738"],
      ["10240", "0.0706"],
    ]);
    expect(rows.find((row) => row.meterId === "d54686f0-77ff-43f3-9e7c-2099030d32a7")).toMatchObject({
      meterSubCategory: 'Standard_D2 VM, "Windows"',
      tags: "Third Party",
      region: "EU West",
    });
  });

  it("takes the market and currency of a Global CSP price list without those columns from the import", async () => {
    const operator = await world.operatorScope();
    const [header, ...records] = parse(await readFile(GLOBAL_CSP_LIST)) as string[][];
    const keep = header.map((name, index) => (name === "Market" || name === "Currency" ? -1 : index)).filter((index) => index >= 0);
    const oneMarket = stringify([header, ...records].map((record) => keep.map((index) => record[index])));
    await expect(importFile(operator, oneMarket, "2031-03-01")).rejects.toMatchObject({
      details: {
        problems: [
          { line: 1, column: "Market", reason: "Required column is missing." },
          { line: 1, column: "Currency", reason: "Required column is missing." },
        ],
      },
    });
    const result = await importPriceList(operator, {
      source: bytesOf(oneMarket),
      fileName: "de.csv",
      effectiveFrom: "2031-03-01",
      market: "de",
      currency: "EUR",
    });
    expect(result).toMatchObject({ rowCount: 6, format: "global-csp", markets: [{ market: "DE", currency: "EUR" }] });
  });

  it("downloads the price sheet's columns and dates by default; the file re-imports into an identical price list", async () => {
    const operator = await world.operatorScope();
    const first = await importFile(operator, await readFile(AZURE_PLAN_SHEET), "2032-01-01");
    const exported = await exportCsv(operator, "US", "2032-01-15", "price-sheet");
    const records = parse(exported) as string[][];
    expect(records[0]).toEqual(PRICE_SHEET_HEADER);
    expect(records).toHaveLength(1 + 8);
    const sample = records.find((record) => record[1] === "DZH318Z0C16V");
    // Microsoft's sample row comes back as Microsoft wrote it (quoting aside).
    expect(sample).toEqual(parse(await readFile(AZURE_PLAN_SHEET), { bom: true })[1]);

    const second = await importFile(operator, exported, "2032-02-01");
    expect(second).toMatchObject({ rowCount: 8, format: "azure-plan", derivedRegionRows: 4 });
    expect(await storedRows(second.versionId)).toEqual(await storedRows(first.versionId));
  });

  it("adds the portal's meter columns only on request; that file re-imports unchanged too (regions of global meters included)", async () => {
    const operator = await world.operatorScope();
    const first = await importFile(operator, await readFile(GLOBAL_CSP_LIST, "utf8"), "2033-01-01");
    const exported = await exportCsv(operator, "DE", "2033-01-15", "portal");
    const records = parse(exported) as string[][];
    expect(records[0]).toEqual(PRICE_LIST_HEADER);
    const second = await importFile(operator, exported, "2033-02-01");
    expect(second).toMatchObject({ rowCount: 6, format: "portal", derivedRegionRows: 0 });
    expect(await storedRows(second.versionId)).toEqual(await storedRows(first.versionId));
  });

  it("refuses unknown market codes and currencies foreign to the market, per row, with line, column and code; nothing is stored", async () => {
    const operator = await world.operatorScope();
    const versionsBefore = await database.prisma.priceListVersion.count();
    const records = parse(await readFile(AZURE_PLAN_SHEET), { bom: true }) as string[][];
    const [header, ...rows] = records;
    const market = header.indexOf("Market");
    const currency = header.indexOf("Currency");
    const edited = rows.map((record) => [...record]);
    edited[1][market] = "XX"; // line 3
    edited[2][market] = "DE"; // line 4: DE is priced in EUR or USD
    edited[2][currency] = "GBP";
    edited[3][market] = "GB"; // line 5: GBP is GB's own currency, accepted
    edited[3][currency] = "GBP";
    const error = await importFile(operator, stringify([header, ...edited]), "2034-01-01").catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      details: {
        badRows: 2,
        problems: [
          { line: 3, column: "Market", reason: expect.stringContaining('Unknown market code "XX"') },
          { line: 4, column: "Currency", reason: 'Market DE is priced in USD or EUR, not "GBP".' },
        ],
      },
    });
    expect(await database.prisma.priceListVersion.count()).toBe(versionsBefore);
  });

  it("knows Microsoft's CSP markets and their currencies", () => {
    expect(checkMarketCurrency("US", "USD")).toBeNull();
    expect(checkMarketCurrency("NO", "NOK")).toBeNull();
    expect(checkMarketCurrency("NO", "USD")).toBeNull();
    expect(checkMarketCurrency("US", "EUR")).toEqual({ field: "currency", reason: 'Market US is priced in USD, not "EUR".' });
    expect(checkMarketCurrency("CN", "USD")?.field).toBe("market");
    expect(checkMarketCurrency("TO", "USD")?.field).toBe("market"); // Object.prototype's names aren't markets either
    expect(checkMarketCurrency("__", "USD")?.field).toBe("market");
  });
});
