import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, diffMigrationsToSchema, EMPTY_MIGRATION, readMigrationFolders } from "../lib/database/migrations";
import { PGlite } from "@electric-sql/pglite";
import { openDatabase, PGLITE_EXTENSIONS, pgliteRawSql, type Database, type RawSql } from "../lib/database/open-database";
import { searchWordsOf } from "../lib/pricing/parse-price-row";
import { queryPriceListPage } from "../lib/pricing/query-price-list-page";
import { resolvePriceListQuery } from "../lib/pricing/price-list-query";
import { vacuumRewrittenTables } from "../lib/database/vacuum-rewritten-tables";
import { createTestDatabase } from "./support/test-database";

describe("migrations", () => {
  it("agree with schema.prisma", async () => {
    expect(await diffMigrationsToSchema()).toBe(EMPTY_MIGRATION);
  });

  describe("applyMigrations on a fresh PGlite", () => {
    let db: Database;
    beforeAll(async () => {
      db = await openDatabase({ pgliteDir: "memory://" });
    });
    afterAll(async () => {
      await db?.close();
    });

    it("applies every folder, then nothing", async () => {
      const folders = await readMigrationFolders();
      expect(folders.length).toBeGreaterThan(0);
      expect(await applyMigrations(db.migrationAdapter)).toEqual(folders.map((folder) => folder.name));
      expect(await applyMigrations(db.migrationAdapter)).toEqual([]);
      // The fast path (what `npm start` uses) recognises an up-to-date database without the engine.
      expect(await applyMigrations(db.migrationAdapter, db.sql)).toEqual([]);
    });

    describe("and the test database (migration SQL run directly)", () => {
      let testDb: Database;
      beforeAll(async () => {
        testDb = await createTestDatabase();
      });
      afterAll(async () => {
        await testDb?.close();
      });

      it("has the same schema", async () => {
        expect(await describeSchema(testDb)).toEqual(await describeSchema(db));
      });

      it("records the migrations as applied and is empty", async () => {
        expect(await applyMigrations(testDb.migrationAdapter)).toEqual([]);
        expect(await testDb.prisma.partner.count()).toBe(0);
        expect(await testDb.prisma.user.count()).toBe(0);
      });
    });
  });
});

// The real `npm run db:migrate` path against a PostgreSQL server (CI's PostgreSQL run sets the URL).
describe.runIf(!!process.env.TEST_DATABASE_URL)("applyMigrations on an empty PostgreSQL database", () => {
  const adminUrl = process.env.TEST_DATABASE_URL ?? "";
  const name = `stackcenter_migrate_${randomBytes(6).toString("hex")}`;
  let db: Database;
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    db = await openDatabase({ databaseUrl: url.toString() });
  });
  afterAll(async () => {
    await db?.close();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it("applies every folder (string literals with ';' included), then nothing", async () => {
    const folders = await readMigrationFolders();
    expect(await applyMigrations(db.migrationAdapter, db.sql)).toEqual(folders.map((folder) => folder.name));
    expect(await applyMigrations(db.migrationAdapter)).toEqual([]);
    expect(await db.prisma.partner.count()).toBe(0);
  });
});

// The migration that partitions PriceListItem by version moves the stored rows into its DEFAULT
// partition: they keep their ids and stay readable, and the rows' foreign key still holds.
describe("price list partitioning migration", () => {
  it("keeps the price rows stored before it", async () => {
    const folders = await readMigrationFolders();
    const at = folders.findIndex((folder) => folder.name.endsWith("_price_list_item_partitions"));
    expect(at).toBeGreaterThan(0);
    const pglite = new PGlite({ extensions: PGLITE_EXTENSIONS });
    try {
      for (const folder of folders.slice(0, at)) await pglite.exec(folder.sql);
      await pglite.exec(`INSERT INTO "PriceListVersion" ("id", "effectiveFrom", "sourceFileName", "status") VALUES ('v1', '2026-01-01', 'old.csv', 'PUBLISHED');
        INSERT INTO "PriceListItem" ("versionId", "sourceLine", "productId", "productTitle", "skuId", "skuTitle", "publisher", "skuDescription",
          "unitOfMeasure", "termDuration", "market", "currency", "unitPrice", "effectiveStartDate", "meterId", "meterIds", "meterType",
          "meterName", "meterCategory", "meterSubCategory", "region", "tags", "searchText")
        VALUES ('v1', 2, 'P', 'VM', 'S', 'Sku', 'Microsoft', '', '1 Hour', '', 'US', 'USD', 0.046, '2026-01-01',
          'fb8c0713-ea20-40bf-901f-5560fd3f6330', 'fb8c0713-ea20-40bf-901f-5560fd3f6330', 'Consumption', 'VM', 'Compute', '', 'Azure Stack', '', 'vm sku');`);
      // Up to the migration that replaces "searchText" (tested below).
      const until = folders.findIndex((folder) => folder.name.endsWith("_price_list_search_words"));
      expect(until).toBeGreaterThan(at);
      for (const folder of folders.slice(at, until)) await pglite.exec(folder.sql);
      const { rows } = await pglite.query<{ id: string; partition: string }>(
        `SELECT "id"::text AS id, tableoid::regclass::text AS partition FROM "PriceListItem" WHERE "searchText" LIKE '%sku%'`,
      );
      expect(rows).toEqual([{ id: "1", partition: '"PriceListItem_default"' }]);
      await expect(pglite.query(`DELETE FROM "PriceListVersion" WHERE "id" = 'v1'`)).resolves.toBeDefined();
      expect((await pglite.query(`SELECT 1 FROM "PriceListItem"`)).rows).toEqual([]);
    } finally {
      await pglite.close();
    }
  });
});

// The migration that replaces "searchText" by word ids: rows stored before it (in the DEFAULT
// partition, and in a version's own partition as imports made them) find the same rows afterwards,
// through the app's own search query, as "searchText" LIKE found before.
describe("price list search words migration", () => {
  it("keeps every search's matches, in both kinds of partition", async () => {
    const pglite = new PGlite({ extensions: PGLITE_EXTENSIONS });
    try {
      await checkSearchWordsMigration({ exec: (text) => pglite.exec(text), sql: pgliteRawSql(pglite) });
    } finally {
      await pglite.close();
    }
  });

  it.runIf(!!process.env.TEST_DATABASE_URL)("does the same on PostgreSQL", async () => {
    const adminUrl = process.env.TEST_DATABASE_URL ?? "";
    const name = `stackcenter_words_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const db = await openDatabase({ databaseUrl: url.toString() });
    try {
      // Without parameters node-pg sends the script whole (simple protocol), as the migrations run.
      await checkSearchWordsMigration({ exec: (text) => db.sql.query(text), sql: db.sql });
    } finally {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });
});

async function checkSearchWordsMigration(db: { exec: (text: string) => Promise<unknown>; sql: RawSql }) {
  const texts = ["Virtual Machines D2s v5 Windows", "Storage Disks SSD", "Disk", "Größe Café 日本", "100% a_b back\\slash", "SQL a%b c\\d", ""];
  const searches = ["disk", "disks", "windows", "v5", "ö", "日本", "%", "_", "\\", "a%", "a_", "0%", "sk s", "zzz", "e"];
  const folders = await readMigrationFolders();
  const at = folders.findIndex((folder) => folder.name.endsWith("_price_list_search_words"));
  expect(at).toBeGreaterThan(0);
  for (const folder of folders.slice(0, at)) await db.exec(folder.sql);
  // v1's rows in DEFAULT; v2's in a partition of its own, as an import made it then.
  await db.exec(`INSERT INTO "PriceListVersion" ("id", "effectiveFrom", "sourceFileName", "status") VALUES
      ('v1', '2026-01-01', 'one.csv', 'PUBLISHED'), ('v2', '2026-02-01', 'two.csv', 'PUBLISHED');
    INSERT INTO "PriceListVersionMarket" ("versionId", "market", "currency", "rowCount") VALUES ('v1', 'US', 'USD', 7), ('v2', 'DE', 'EUR', 7);
    CREATE TABLE "PriceListItem_v2" (LIKE "PriceListItem" INCLUDING DEFAULTS, CHECK ("versionId" = 'v2'));
    ALTER TABLE "PriceListItem" ATTACH PARTITION "PriceListItem_v2" FOR VALUES IN ('v2');`);
  for (const [versionId, market, currency] of [
    ["v1", "US", "USD"],
    ["v2", "DE", "EUR"],
  ]) {
    for (const [index, text] of texts.entries()) {
      // The text as the import stored it: its lowercase words, each once (searchWordsOf).
      const searchText = searchWordsOf(`${text} ${versionId === "v2" ? "Zweite" : ""}`).join(" ");
      await db.sql.query(
        `INSERT INTO "PriceListItem" ("versionId", "sourceLine", "productId", "productTitle", "skuId", "skuTitle", "publisher", "skuDescription",
           "unitOfMeasure", "termDuration", "market", "currency", "unitPrice", "effectiveStartDate", "meterId", "meterIds", "meterType",
           "meterName", "meterCategory", "meterSubCategory", "region", "tags", "searchText")
         VALUES ($1, $2, 'P', $3, 'S', 'Sku', 'Microsoft', '', '1 Hour', '', $4, $5, 0.01, '2026-01-01', $6::uuid, $6, '', '', '', '', 'Azure Stack', '', $7)`,
        [
          versionId,
          index + 2,
          text,
          market,
          currency,
          `5ea4c000-0000-4000-8000-${versionId === "v1" ? "1" : "2"}${String(index).padStart(11, "0")}`,
          searchText,
        ],
      );
    }
  }
  const byId = (ids: string[]) => [...ids].sort((a, b) => Number(a) - Number(b));
  const before = new Map<string, string[]>();
  for (const q of searches) {
    // As the search did then: each word of the query LIKE '%word%' (its own % _ \\ taken literally).
    const patterns = q
      .toLowerCase()
      .split(/\s+/)
      .map((word) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const where = patterns.map((_pattern, index) => `"searchText" LIKE $${index + 1}`).join(" AND ");
    const { rows } = await db.sql.query<{ id: string }>(`SELECT "id"::text AS id FROM "PriceListItem" WHERE ${where}`, patterns);
    before.set(q, byId(rows.map((row) => row.id)));
  }
  expect(before.get("disk")).toHaveLength(4);
  expect(before.get("zzz")).toEqual([]);

  for (const folder of folders.slice(at)) await db.exec(folder.sql);
  const { rows: wordPartitions } = await db.sql.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits JOIN pg_class c ON c.oid = pg_inherits.inhrelid WHERE pg_inherits.inhparent = '"PriceListWord"'::regclass ORDER BY 1`,
  );
  expect(wordPartitions.map((row) => row.name)).toEqual(["PriceListWord_default", "PriceListWord_v2"]);
  for (const q of searches) {
    const page = await queryPriceListPage(db.sql, resolvePriceListQuery({ q, region: "all", date: "2026-03-01" }), { allIds: true });
    expect(byId(page.ids ?? []), q).toEqual(before.get(q));
  }
  // The migrate step vacuums what the migration rewrote: index-only scans skip the table again.
  expect(await vacuumRewrittenTables(db.sql, [folders[at].name])).toEqual(['"PriceListItem"', '"PriceListWord"']);
  const { rows: pages } = await db.sql.query<{ pages: number; visible: number }>(
    `SELECT relpages AS pages, relallvisible AS visible FROM pg_class WHERE relname IN ('PriceListItem_default', 'PriceListItem_v2')`,
  );
  expect(pages.map((table) => table.pages > 0 && table.visible === table.pages)).toEqual([true, true]);
  // A version's deletion still takes its words along.
  await db.sql.query(`DELETE FROM "PriceListVersion" WHERE "id" = 'v1'`);
  expect((await db.sql.query(`SELECT DISTINCT "versionId" FROM "PriceListWord"`)).rows).toEqual([{ versionId: "v2" }]);
}

/** Columns, indexes and constraints of the public schema, in a comparable form. */
async function describeSchema(db: Database) {
  const columns = await db.sql.query(
    `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length
       FROM information_schema.columns WHERE table_schema = 'public'
      ORDER BY table_name, column_name`,
  );
  const indexes = await db.sql.query(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY tablename, indexname`);
  const constraints = await db.sql.query(
    `SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint WHERE connamespace = 'public'::regnamespace
        AND contype <> 'n' -- NOT NULL constraints are only listed here from PostgreSQL 18 (PGlite) on
      ORDER BY 1, 2`,
  );
  const enums = await db.sql.query(
    `SELECT t.typname, e.enumlabel, e.enumsortorder
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
      ORDER BY t.typname, e.enumsortorder`,
  );
  return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows, enums: enums.rows };
}
