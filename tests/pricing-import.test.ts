import { describe, expect, it } from "vitest";
import { type World } from "./support/world";
import type { Database } from "../lib/database/open-database";
import { importPriceList } from "../lib/pricing/import-price-list";
import { PriceListImportError } from "../lib/pricing/price-list-import-error";
import { PRICE_LIST_HEADER } from "../lib/pricing/price-list-columns";
import { syntheticPriceListCsv } from "../lib/pricing/synthetic-price-list";
import { DomainError } from "../lib/errors";
import { stringify } from "csv-stringify/sync";
import { parse } from "csv-parse/sync";
import { searchWordsOf } from "../lib/pricing/parse-price-row";
import { withTestWorld } from "./support/with-test-world";

let database: Database;
let world: World;

withTestWorld((context) => ({ database, world } = context));

async function* chunks(text: string) {
  yield Buffer.from(text);
}

const HEADER = PRICE_LIST_HEADER.join(",");
const row = (overrides: Record<string, string> = {}) => {
  const values: Record<string, string> = {
    ProductTitle: "Azure Stack Hub Virtual Machines",
    ProductId: "DZH318Z0BQ4X",
    SkuId: "0001",
    SkuTitle: "Windows VM",
    Publisher: "Microsoft",
    SkuDescription: "",
    UnitOfMeasure: "1 Core Hour",
    TermDuration: "",
    Market: "US",
    Currency: "USD",
    UnitPrice: "0.046",
    PricingTierRangeMin: "0",
    PricingTierRangeMax: "",
    EffectiveStartDate: "2026-01-01",
    EffectiveEndDate: "",
    MeterIds: "fb8c0713-ea20-40bf-901f-5560fd3f6330",
    MeterType: "Consumption",
    Tags: "",
    MeterRegion: "Azure Stack",
    MeterName: "Windows VM, 1 Core Hour",
    MeterCategory: "Virtual Machines",
    MeterSubCategory: "",
    ...overrides,
  };
  return stringify([PRICE_LIST_HEADER.map((column) => values[column])]).trimEnd();
};

async function snapshot() {
  return {
    versions: await database.prisma.priceListVersion.count(),
    items: await database.prisma.priceListItem.count(),
    words: await database.prisma.priceListWord.count(),
    audit: await database.prisma.auditEvent.count({ where: { targetType: "PriceListVersion" } }),
    // A refused import leaves no partition behind either (one per imported version), of its rows
    // or of its words; nor a table that is not attached.
    partitions: await partitions(),
    wordPartitions: await partitions("PriceListWord"),
    tables: await versionTables(),
  };
}

/** Version ids that have their own partition of `parent`. */
async function partitions(parent: "PriceListItem" | "PriceListWord" = "PriceListItem"): Promise<string[]> {
  const { rows } = await database.sql.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits JOIN pg_class c ON c.oid = pg_inherits.inhrelid
      WHERE pg_inherits.inhparent = $1::regclass AND c.relname <> $2 ORDER BY 1`,
    [`"${parent}"`, `${parent}_default`],
  );
  return rows.map((row) => row.name.slice(parent.length + 1));
}

/** Every table of a version's rows or words, attached or not. */
async function versionTables(): Promise<string[]> {
  const { rows } = await database.sql.query<{ name: string }>(
    `SELECT relname AS name FROM pg_class WHERE relkind = 'r' AND (relname LIKE 'PriceListItem%' OR relname LIKE 'PriceListWord%') ORDER BY 1`,
  );
  return rows.map((row) => row.name);
}

describe("price list import", () => {
  it("imports a valid file (header order free, unknown columns ignored) as a published, audited version", async () => {
    const operator = await world.operatorScope();
    // Columns reversed, plus a column Partner Center doesn't have; MeterId/Region aliases, upper-case GUID.
    const header = ["Comment", ...[...PRICE_LIST_HEADER].reverse()].join(",").replace("MeterIds", "MeterId").replace("MeterRegion", "Region");
    const reversed = (line: string) => stringify([["ignored", ...(parse(line) as string[][])[0].reverse()]]).trimEnd();
    const csv = [
      header,
      reversed(row()),
      reversed(row({ MeterIds: "7BC1977956BC474D8C8836FBD79AE004", SkuTitle: "VM", UnitPrice: "0.008" })),
      reversed(row({ Market: "de", Currency: "eur", UnitPrice: "0.04232" })),
    ].join("\r\n");
    const result = await importPriceList(operator, { source: chunks(csv), fileName: "prices.csv", effectiveFrom: "2026-01-01" });
    expect(result.rowCount).toBe(3);
    expect(result.markets).toEqual([
      { market: "DE", currency: "EUR" },
      { market: "US", currency: "USD" },
    ]);
    const version = await database.prisma.priceListVersion.findUniqueOrThrow({ where: { id: result.versionId }, include: { markets: true, facets: true } });
    expect(version.status).toBe("PUBLISHED");
    expect(version.markets.find((m) => m.market === "US")).toMatchObject({ currency: "USD", rowCount: 2 });
    expect(version.facets.map(({ market, region, meterCategory, rowCount }) => ({ market, region, meterCategory, rowCount }))).toEqual(
      expect.arrayContaining([{ market: "US", region: "Azure Stack", meterCategory: "Virtual Machines", rowCount: 2 }]),
    );
    const vm = await database.prisma.priceListItem.findFirstOrThrow({ where: { versionId: result.versionId, skuTitle: "VM" } });
    expect(vm.meterId).toBe("7bc19779-56bc-474d-8c88-36fbd79ae004");
    expect(vm.unitPrice.toFixed()).toBe("0.008");
    expect(await database.prisma.auditEvent.count({ where: { targetId: result.versionId, action: "price-list.import" } })).toBe(1);
    // The rows live in the version's own partition, with the parent's indexes (adopted on attach).
    expect(await partitions()).toContain(result.versionId);
    const { rows: indexes } = await database.sql.query<{ count: number }>(`SELECT count(*)::int AS count FROM pg_index WHERE indrelid = $1::regclass`, [
      `"PriceListItem_${result.versionId}"`,
    ]);
    expect(indexes[0].count).toBe(5);
    // COPY leaves "versionId" out: the partition's default fills in the version on every row.
    const { rows: stored } = await database.sql.query<{ versionId: string; rows: number; fallback: string }>(
      `SELECT i."versionId", count(*)::int AS rows, pg_get_expr(d.adbin, d.adrelid) AS fallback
         FROM "PriceListItem_${result.versionId}" i
         JOIN pg_attrdef d ON d.adrelid = $1::regclass
         JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum AND a.attname = 'versionId'
        GROUP BY 1, 3`,
      [`"PriceListItem_${result.versionId}"`],
    );
    expect(stored).toEqual([{ versionId: result.versionId, rows: 3, fallback: `'${result.versionId}'::text` }]);
    // Its vocabulary, in its own partition of PriceListWord, numbered as the rows' word ids.
    expect(await partitions("PriceListWord")).toContain(result.versionId);
    const words = await database.prisma.priceListWord.findMany({ where: { versionId: result.versionId }, orderBy: { id: "asc" } });
    expect(words.map((w) => w.id)).toEqual(words.map((_w, index) => index + 1));
    expect(new Set(words.map((w) => w.word)).size).toBe(words.length);
    expect(vm.searchWords.map((id) => words[id - 1].word)).toEqual(
      searchWordsOf("Azure Stack Hub Virtual Machines VM Windows VM, 1 Core Hour DZH318Z0BQ4X 0001"),
    );
  });

  it("refuses a file with 3 bad rows, naming line, column and reason, and changes nothing", async () => {
    const operator = await world.operatorScope();
    const before = await snapshot();
    const csv = [
      HEADER,
      row(),
      row({ UnitPrice: "abc", MeterIds: "11111111-2222-4333-8444-555555555555" }),
      row({ MeterIds: "11111111-2222-4333-8444-666666666666" }),
      row({ MeterIds: "not-a-guid" }),
      row({ MeterIds: "11111111-2222-4333-8444-777777777777", EffectiveStartDate: "2026-02-30" }),
    ].join("\n");
    const error = await importPriceList(operator, { source: chunks(csv), fileName: "bad.csv", effectiveFrom: "2026-03-01" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PriceListImportError);
    const { details } = error as PriceListImportError;
    expect(details.badRows).toBe(3);
    expect(details.problems.map(({ line, column }) => ({ line, column }))).toEqual([
      { line: 3, column: "UnitPrice" },
      { line: 5, column: "MeterIds" },
      { line: 6, column: "EffectiveStartDate" },
    ]);
    expect(new Set(details.problems.map((p) => p.reason)).size).toBe(3);
    expect(details.problems[0].reason).toContain("not a number");
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a NUL character in a cell with its line and column, changing nothing", async () => {
    const operator = await world.operatorScope();
    const before = await snapshot();
    const csv = [HEADER, row(), row({ MeterIds: "11111111-2222-4333-8444-888888888888", SkuTitle: "D2\u0000v3" })].join("\n");
    await expect(importPriceList(operator, { source: chunks(csv), fileName: "nul.csv", effectiveFrom: "2026-03-01" })).rejects.toMatchObject({
      details: { badRows: 1, problems: [{ line: 3, column: "SkuTitle", reason: "Contains a NUL character." }] },
    });
    expect(await snapshot()).toEqual(before);
  });

  it("names missing required columns, refuses duplicates and empty files, changing nothing", async () => {
    const operator = await world.operatorScope();
    const before = await snapshot();
    const withoutPrice = ["ProductTitle,ProductID,SkuId,SkuTitle,UnitOfMeasure,Market,Currency,MeterIds", "a,b,c,d,e,US,USD,x"].join("\n");
    await expect(importPriceList(operator, { source: chunks(withoutPrice), fileName: "x.csv", effectiveFrom: "2026-03-01" })).rejects.toMatchObject({
      details: {
        // An Azure plan price sheet (no region column): the region is derived, UnitPrice is missing.
        problems: [{ line: 1, column: "UnitPrice" }],
      },
    });
    const duplicate = [HEADER, row(), row({ UnitPrice: "0.05" })].join("\n");
    await expect(importPriceList(operator, { source: chunks(duplicate), fileName: "x.csv", effectiveFrom: "2026-03-01" })).rejects.toMatchObject({
      details: { problems: [{ line: 3, column: "MeterIds", reason: expect.stringContaining("Duplicate of line 2") }] },
    });
    await expect(importPriceList(operator, { source: chunks(""), fileName: "x.csv", effectiveFrom: "2026-03-01" })).rejects.toBeInstanceOf(
      PriceListImportError,
    );
    await expect(importPriceList(operator, { source: chunks('a,"b'), fileName: "x.csv", effectiveFrom: "2026-03-01" })).rejects.toBeInstanceOf(
      PriceListImportError,
    );
    expect(await snapshot()).toEqual(before);
  });

  it("is for operators only", async () => {
    for (const role of ["ADMIN_AGENT", "BILLING_ADMIN"] as const) {
      const scope = await world.scope("direct", role);
      await expect(importPriceList(scope, { source: chunks(HEADER), fileName: "x.csv", effectiveFrom: "2026-03-01" })).rejects.toBeInstanceOf(DomainError);
    }
  });

  it("imports a 50,000-row file, streamed, reporting progress", async () => {
    const operator = await world.operatorScope();
    const progress: number[] = [];
    const result = await importPriceList(operator, {
      source: syntheticPriceListCsv({ rows: 50_000, meterPrefix: "50000" }),
      fileName: "50k.csv",
      effectiveFrom: "2026-04-01",
      onProgress: (p) => progress.push(p.rowsRead),
    });
    expect(result.rowCount).toBe(50_000);
    expect(await database.prisma.priceListItem.count({ where: { versionId: result.versionId } })).toBe(50_000);
    expect(progress.length).toBeGreaterThan(5);
    expect(Math.max(...progress)).toBe(50_000);
    // Seconds on a quiet machine; the default minute is too short when other jobs share the cores.
  }, 180_000);
});

describe("abandoned imports", () => {
  it("are listed for operators, with who started them and when; a version abandoned meanwhile is never published", async () => {
    const { listAbandonedPriceImports } = await import("../lib/pricing/list-abandoned-price-imports");
    const { stagePriceList } = await import("../lib/pricing/stage-price-list");
    const { publishPriceListVersion } = await import("../lib/pricing/publish-price-list-version");
    const { abandonDeadPriceImports } = await import("../lib/pricing/abandon-dead-price-imports");
    const operator = await world.operatorScope();
    const staged = await stagePriceList(database, {
      source: chunks(`${HEADER}\n${row({ MeterIds: "0a000000-0000-4000-8000-000000000001" })}\n`),
      fileName: "meanwhile.csv",
      effectiveFrom: "2026-08-01",
      importedBy: { userId: operator.userId, email: operator.email },
    });
    // Found dead (as another process would, by its heartbeat) while it waits to be published.
    await database.sql.query(`UPDATE "PriceListVersion" SET "importHost" = 'elsewhere.example', "heartbeatAt" = '2000-01-01' WHERE "id" = $1`, [
      staged.versionId,
    ]);
    staged.release();
    expect((await abandonDeadPriceImports(database)).map((a) => a.versionId)).toEqual([staged.versionId]);
    await expect(database.prisma.$transaction((tx) => publishPriceListVersion(tx, staged.versionId, staged.rowCount))).rejects.toThrow();
    expect(await database.prisma.priceListVersion.findUnique({ where: { id: staged.versionId }, select: { status: true } })).toEqual({ status: "ABANDONED" });

    const listed = await listAbandonedPriceImports(operator);
    expect(listed.map((v) => [v.id, v.sourceFileName, v.importedByEmail, v.effectiveFrom])).toEqual([
      [staged.versionId, "meanwhile.csv", operator.email, "2026-08-01"],
    ]);
    expect(listed[0].abandonedAt).toBeInstanceOf(Date);
    await expect(listAbandonedPriceImports(await world.scope("direct", "ADMIN_AGENT"))).rejects.toBeInstanceOf(DomainError);
    const { rows } = await database.sql.query<{ actorUserId: string | null; partnerId: string | null }>(
      `SELECT "actorUserId", "partnerId" FROM "AuditEvent" WHERE "action" = 'price-list.import.abandon' AND "targetId" = $1`,
      [staged.versionId],
    );
    expect(rows).toEqual([{ actorUserId: null, partnerId: null }]);
  });
});
