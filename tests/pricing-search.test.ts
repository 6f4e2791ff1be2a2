// The search box through word ids (lib/pricing/price-list-sql.ts, PriceListWord): every query must
// find exactly the rows a plain substring filter over the row's text finds, across versions whose
// vocabularies number the same words differently, with LIKE's own characters (% _ \) and
// non-ASCII text, a word inside another, meter GUIDs; the page, its total and the CSV download alike.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { createTestDatabase } from "./support/test-database";
import { makeWorld, type World } from "./support/world";
import { setDatabaseForTests } from "../lib/db";
import type { Database } from "../lib/database/open-database";
import { importPriceList } from "../lib/pricing/import-price-list";
import { listPriceItems } from "../lib/pricing/list-price-items";
import { exportPriceListCsv } from "../lib/pricing/export-price-list";
import { PRICE_LIST_HEADER } from "../lib/pricing/price-list-columns";
import { normaliseMeterId } from "../lib/meters/meter-id";
import { PRICE_LIST_PAGE_SIZE, priceListQuerySchema, resolvePriceListQuery, type PriceListQuery } from "../lib/pricing/price-list-query";
import type { PartnerScope } from "../lib/auth/partner-scope";
import { MAX_INDEXED_WORD_IDS, searchedWordsCondition } from "../lib/pricing/price-search-sql";

interface FixtureRow {
  market: string;
  product: string;
  sku: string;
  meter: string;
  productId: string;
  skuId: string;
  meterId: string;
}

const currencies: Record<string, string> = { US: "USD", FR: "EUR", DE: "EUR" };
let meterCount = 0;
const row = (market: string, product: string, sku: string, meter: string, productId: string, skuId: string): FixtureRow => ({
  market,
  product,
  sku,
  meter,
  productId,
  skuId,
  meterId: `5ea4c000-0000-4000-8000-${(++meterCount).toString(16).padStart(12, "0")}`,
});

// Version 1 (January) prices US, FR and DE; version 2 (February) only DE, with other words and
// the shared ones first seen in another order (so their ids differ); version 0 is older than both.
const OLD = [row("US", "Windows Server", "Legacy", "Old Meter", "DZHOLD", "0009")];
const JANUARY = [
  row("US", "Virtual Machines", "D2s v5", "D2s v5 Windows", "DZH318Z0BQ4X", "0001"),
  row("US", "Storage", "Disks SSD", "Premium SSD Disks", "DZH1", "0002"),
  row("US", "Größe Café", "Straße", "日本 東京", "DZH2", "0003"),
  row("US", "100% Off", "a_b", "back\\slash", "DZH3", "0004"),
  row("US", "Disk", "Disk", "disk", "DZH4", "0005"),
  row("FR", "WINDOWS Server", "Datacenter", "Windows Server Datacenter", "DZH5", "0006"),
  row("FR", "Storage", "Disk", "Standard HDD", "DZH6", "0007"),
  row("DE", "Virtual Machines", "D2s v5", "D2s v5 Linux", "DZH318Z0BQ4X", "0001"),
];
const FEBRUARY = [
  row("DE", "Disk", "Straße 100%", "disk_x", "DZH7", "0008"),
  row("DE", "Virtual Machines", "D4s v5", "D4s v5 Windows", "DZH318Z0BQ4X", "0010"),
  row("DE", "SQL", "a%b", "c\\d", "DZH8", "0011"),
];
// Many words containing "kw" in US (more than MAX_INDEXED_WORD_IDS: the hashed form), a few in DE.
const MANY_US = Array.from({ length: MAX_INDEXED_WORD_IDS + 6 }, (_, n) => row("US", "Keywords", `kw${n}q`, "Many", "DZHKW", `K${n}`));
const FEW_DE = Array.from({ length: 3 }, (_, n) => row("DE", "Keywords", `kw${n}q`, "Few", "DZHKW", `K${n}`));
const IN_EFFECT = [...JANUARY.filter((r) => r.market !== "DE"), ...MANY_US, ...FEBRUARY, ...FEW_DE];

const csv = (rows: readonly FixtureRow[]) =>
  stringify([
    PRICE_LIST_HEADER,
    ...rows.map((r) => {
      const values: Record<string, string> = {
        ProductTitle: r.product,
        ProductId: r.productId,
        SkuId: r.skuId,
        SkuTitle: r.sku,
        Publisher: "Microsoft",
        SkuDescription: "",
        UnitOfMeasure: "1 Hour",
        TermDuration: "",
        Market: r.market,
        Currency: currencies[r.market],
        UnitPrice: "0.01",
        PricingTierRangeMin: "0",
        PricingTierRangeMax: "",
        EffectiveStartDate: "",
        EffectiveEndDate: "",
        MeterIds: r.meterId,
        MeterType: "Consumption",
        Tags: "",
        MeterRegion: "Azure Stack",
        MeterName: r.meter,
        MeterCategory: "Compute",
        MeterSubCategory: "",
      };
      return PRICE_LIST_HEADER.map((column) => values[column]);
    }),
  ]);

/** The search's definition: every query word (up to 8) in the row's text, a meter GUID equal to its meter. */
function bruteForce(q: string): string[] {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  return IN_EFFECT.filter((r) => {
    const text = `${r.product} ${r.sku} ${r.meter} ${r.productId} ${r.skuId}`.toLowerCase();
    return words.every((word) => {
      const meterId = normaliseMeterId(word);
      return meterId ? meterId === r.meterId : text.includes(word);
    });
  })
    .map((r) => `${r.meterId} ${r.market}`)
    .sort();
}

let database: Database;
let world: World;
let billing: PartnerScope;

async function* once(text: string) {
  yield text;
}

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabaseForTests(database);
  world = await makeWorld(database.prisma);
  billing = await world.scope("direct", "BILLING_ADMIN");
  const operator = await world.operatorScope();
  for (const [rows, effectiveFrom] of [
    [OLD, "2025-06-01"],
    [[...JANUARY, ...MANY_US], "2026-01-01"],
    [[...FEBRUARY, ...FEW_DE], "2026-02-01"],
  ] as const) {
    await importPriceList(operator, { source: once(csv(rows)), fileName: `${effectiveFrom}.csv`, effectiveFrom });
  }
});
afterAll(() => database.close());

const resolve = (query: PriceListQuery) => resolvePriceListQuery(priceListQuerySchema.parse({ date: "2026-03-01", region: "all", ...query }));

async function exported(q: string): Promise<string[]> {
  let text = "";
  for await (const chunk of await exportPriceListCsv(billing, resolve({ q }))) text += chunk;
  const [header, ...records] = parse(text) as string[][];
  const meter = header.indexOf("MeterIds");
  const market = header.indexOf("Market");
  return records.map((record) => `${record[meter]} ${record[market]}`).sort();
}

/** Every word of every row (but the many "kw" ones), pieces of them, LIKE's characters, several words, GUIDs, no match. */
function queries(): string[] {
  const words = new Set<string>();
  for (const r of [...OLD, ...JANUARY, ...FEBRUARY]) {
    for (const word of `${r.product} ${r.sku} ${r.meter} ${r.productId} ${r.skuId}`.split(/\s+/)) {
      words.add(word);
      words.add(word.slice(1));
      words.add(word.slice(0, -1));
      words.add(word.slice(1, -1));
    }
  }
  words.delete("");
  return [
    ...words,
    "%",
    "_",
    "\\",
    "%b",
    "a_",
    "a%",
    "_b",
    "0%",
    "100%",
    "\\s",
    "c\\",
    "ö",
    "ß",
    "é",
    "日本",
    "東",
    "SSD DISK",
    "disk s",
    "windows server",
    "windows d2s",
    "v5 windows",
    "zzz",
    "WINDOWS  datacenter",
    IN_EFFECT[0].meterId,
    `disk ${IN_EFFECT[1].meterId.replace(/-/g, "").toUpperCase()}`,
    OLD[0].meterId,
    // More than MAX_INDEXED_WORD_IDS matching words in US, a few in DE; alone and with other words.
    "kw",
    "w",
    "q",
    "kw1",
    "kw69q",
    "keywords kw",
    "kw many",
    "kw few",
    "kw k1",
    "kw zzz",
    "kw dzhkw q",
  ];
}

describe("search by word ids", () => {
  it("finds exactly the rows whose text contains every word, in every version in effect (page, total, download)", async () => {
    const list = queries();
    expect(list.length).toBeGreaterThan(100);
    let matched = 0;
    for (const q of list) {
      const expected = bruteForce(q);
      if (expected.length > 0) matched++;
      const page = await listPriceItems(billing, resolve({ q }));
      const shown = page.rows.map((r) => `${r.meterId} ${r.market}`);
      expect(shown.length, q).toBe(Math.min(PRICE_LIST_PAGE_SIZE, expected.length));
      expect(
        shown.filter((key) => !expected.includes(key)),
        q,
      ).toEqual([]);
      expect(page.total, q).toBe(expected.length);
      expect(await exported(q), q).toEqual(expected);
    }
    // The fixture exercises both outcomes, in both versions.
    expect(matched).toBeGreaterThan(list.length / 2);
    expect(bruteForce("disk").some((key) => key.endsWith(" DE"))).toBe(true);
    expect(bruteForce("disk").some((key) => key.endsWith(" US"))).toBe(true);
  }, 120_000);

  it("finds rows through the GIN index for a few word ids, by hashing them for many", () => {
    const ids = (count: number) => Array.from({ length: count }, (_, n) => n + 1);
    expect(searchedWordsCondition(() => "$9", ids(MAX_INDEXED_WORD_IDS))).toBe(`i."searchWords" && $9::int[]`);
    expect(searchedWordsCondition(() => "$9", ids(MAX_INDEXED_WORD_IDS + 1))).toMatch(
      /^EXISTS \(SELECT 1 FROM unnest\(i."searchWords"\).* = ANY \(\$9::int\[\]\)\)$/,
    );
  });

  it("combines a search with a market and a page", async () => {
    const de = await listPriceItems(billing, resolve({ q: "v5", market: "de" }));
    expect(de.rows.map((r) => r.meterName)).toEqual(["D4s v5 Windows"]);
    const us = await listPriceItems(billing, resolve({ q: "disk", market: "US", page: 2 }));
    expect(us).toMatchObject({ page: 1, total: 2 });
  });
});
