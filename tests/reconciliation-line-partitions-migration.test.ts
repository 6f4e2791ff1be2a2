// The migration that partitions ReconciliationLine by import, on a database holding an import's
// classified lines from before it: the lines are kept (in the DEFAULT partition) with their ids,
// the id sequence goes on, and re-matching that import moves its lines into a partition of its own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../lib/database/migrations";
import type { Database } from "../lib/database/open-database";
import { setDatabaseForTests } from "../lib/db";
import { unsafeMatchReconciliationImport } from "../lib/reconciliation/unsafe-match-reconciliation-import";
import { seedDemoIfEmpty } from "../prisma/seed/seed-demo";
import { createTestDatabase } from "./support/test-database";

const MIGRATION = "20261207130000_reconciliation_line_partitions";
const IMPORT = "0f0e0d0c-0000-4000-8000-000000000001";
let database: Database;

beforeAll(async () => {
  database = await createTestDatabase({ before: MIGRATION });
  setDatabaseForTests(database);
  expect(await seedDemoIfEmpty(database.prisma)).toBe(true);
  const { rows } = await database.sql.query<{ id: string }>(`SELECT "id" FROM "Partner" ORDER BY "id" LIMIT 1`);
  await database.sql.query(
    `INSERT INTO "ReconciliationImport" ("id", "partnerId", "period", "fileName", "fileHash", "format", "state", "quantityTolerancePercent")
     VALUES ($1, $2, '2026-10', 'before.csv', 'h', 'DAILY_RATED', 'IMPORTED', 0)`,
    [IMPORT, rows[0]?.id],
  );
  await database.sql.query(
    `INSERT INTO "ReconciliationLine" ("importId", "class", "subscriptionId", "meterId", "resourceUri", "usageDate", "billedTotal", "moneyAtStake")
     VALUES ($1, 'BILLED_NOT_REPORTED', '00000000-0000-4000-8000-000000000001', '7bc19779-56bc-474d-8c88-36fbd79ae004', '/vm1', '2026-10-01', 1.50, 1.50),
            ($1, 'BILLED_NOT_REPORTED', '00000000-0000-4000-8000-000000000001', '7bc19779-56bc-474d-8c88-36fbd79ae004', '/vm2', '2026-10-01', 2.25, 2.25)`,
    [IMPORT],
  );
}, 300_000);
afterAll(() => database?.close());

describe("reconciliation_line_partitions on stored lines", () => {
  it("keeps the lines and their ids, and a re-match gives the import a partition of its own", async () => {
    const lines = () =>
      database.sql.query<{ id: string; partition: string; resourceUri: string; moneyAtStake: string }>(
        `SELECT "id"::text AS "id", tableoid::regclass::text AS "partition", "resourceUri", "moneyAtStake"::text AS "moneyAtStake" FROM "ReconciliationLine" ORDER BY "id"`,
      );
    const before = (await lines()).rows;
    expect(before).toHaveLength(2);

    expect((await applyMigrations(database.migrationAdapter))[0]).toBe(MIGRATION);
    const after = (await lines()).rows;
    expect(after.map(({ partition: _, ...row }) => row)).toEqual(before.map(({ partition: _, ...row }) => row));
    expect(new Set(after.map((row) => row.partition))).toEqual(new Set(['"ReconciliationLine_default"']));

    // The import's billed lines are gone (none were stored here): a re-match classifies nothing and
    // leaves no line of it in DEFAULT, its (empty) partition attached.
    const keys = await database.sql.transaction((tx) => unsafeMatchReconciliationImport(tx, IMPORT));
    expect(keys).toBe(0);
    expect((await lines()).rows).toHaveLength(0);
    const { rows: partitions } = await database.sql.query<{ name: string }>(
      `SELECT inhrelid::regclass::text AS "name" FROM pg_inherits WHERE inhparent = '"ReconciliationLine"'::regclass `,
    );
    expect(new Set(partitions.map((row) => row.name))).toEqual(new Set(['"ReconciliationLine_default"', `"ReconciliationLine_${IMPORT}"`]));
    // The sequence goes on past the ids stored before.
    const { rows: next } = await database.sql.query<{ id: string }>(`SELECT nextval('"ReconciliationLine_id_seq"')::text AS "id"`);
    expect(BigInt(next[0]?.id ?? "0")).toBeGreaterThan(BigInt(before[1]?.id ?? "0"));
  }, 300_000);
});
