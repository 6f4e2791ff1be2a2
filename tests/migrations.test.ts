import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyMigrations,
  diffMigrationsToSchema,
  EMPTY_MIGRATION,
  readMigrationFolders,
} from "../lib/database/migrations";
import { PGlite } from "@electric-sql/pglite";
import { openDatabase, PGLITE_EXTENSIONS, type Database } from "../lib/database/open-database";
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

/** Columns, indexes and constraints of the public schema, in a comparable form. */
async function describeSchema(db: Database) {
  const columns = await db.sql.query(
    `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length
       FROM information_schema.columns WHERE table_schema = 'public'
      ORDER BY table_name, column_name`,
  );
  const indexes = await db.sql.query(
    `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY tablename, indexname`,
  );
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
