// A fresh, migrated, empty database per test file.
//
// - Default: an in-memory PGlite. The migration SQL is executed directly (no wasm schema engine),
//   and the migrated-but-empty data folder is cached as a snapshot under
//   node_modules/.cache/stackcenter-test-db/ (keyed by the migrations and the PGlite version):
//   creating a PGlite cluster from scratch (initdb) takes seconds, loading a snapshot well under
//   one. Set TEST_DB_SNAPSHOT=0 to always build from scratch.
// - TEST_DATABASE_URL=postgres://user@host:port/postgres (an admin URL): a new database
//   stackcenter_test_<random> on that server (PostgreSQL 13+), migrated; close() drops it.
//
// Either way the applied migrations are recorded in _prisma_migrations exactly as
// `prisma migrate deploy` would, so applyMigrations() on a test database applies nothing.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { PrismaClient } from "../../generated/prisma/client";
import { readMigrationFolders, type MigrationFolder } from "../../lib/database/migrations";
import { isPostgresUrl, openDatabase, PGLITE_OPTIONS, pgliteMigrationAdapter, pgliteRawSql, type Database } from "../../lib/database/open-database";

/**
 * `before`: only the migrations that come before that folder (to test a migration on older data).
 * `pgliteDir`: a folder for the PGlite database instead of memory (the portal's default mode; the ingest bench uses it).
 */
export async function createTestDatabase(options: { before?: string; pgliteDir?: string } = {}): Promise<Database> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  const { before } = options;
  const folders = (await readMigrationFolders()).filter((folder) => before === undefined || folder.name < before);
  if (adminUrl) {
    if (!isPostgresUrl(adminUrl)) throw new Error("TEST_DATABASE_URL must be a postgres:// URL");
    return createPostgresTestDatabase(adminUrl, folders);
  }
  return createPgliteTestDatabase(folders, options.pgliteDir ?? "memory://");
}

// ---------------------------------------------------------------------------------------------
// Migration SQL, recorded like Prisma does.

const MIGRATIONS_TABLE_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** One script per migration (each runs as one implicit transaction, as with Prisma). */
function migrationScripts(folders: MigrationFolder[]): string[] {
  return folders.map((folder) => {
    const checksum = createHash("sha256").update(folder.sql).digest("hex");
    const record =
      `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "started_at", "applied_steps_count") ` +
      `VALUES (${literal(randomUUID())}, ${literal(checksum)}, now(), ${literal(folder.name)}, now(), 1);`;
    return `${folder.sql}\n;\n${record}`;
  });
}

// ---------------------------------------------------------------------------------------------
// PGlite (default)

function rawSqlFor(pglite: PGlite): Database["sql"] {
  return pgliteRawSql(pglite);
}

async function createPgliteTestDatabase(folders: MigrationFolder[], dataDir: string): Promise<Database> {
  const pglite = await openMigratedPglite(folders, dataDir);
  const adapter = new PrismaPGlite(pglite);
  const prisma = new PrismaClient({ adapter });
  return {
    mode: "pglite",
    location: dataDir,
    prisma,
    sql: rawSqlFor(pglite),
    migrationAdapter: pgliteMigrationAdapter(pglite),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

const SNAPSHOT_DIR = path.resolve("node_modules/.cache/stackcenter-test-db");
const snapshotsInProcess = new Map<string, Blob>();

function snapshotsEnabled(): boolean {
  return process.env.TEST_DB_SNAPSHOT !== "0";
}

async function pgliteVersion(): Promise<string> {
  const require = createRequire(import.meta.url);
  let dir = path.dirname(require.resolve("@electric-sql/pglite"));
  for (;;) {
    try {
      const manifest = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (manifest.name === "@electric-sql/pglite") return manifest.version ?? "unknown";
    } catch {
      // No package.json at this level: keep walking up.
    }
    const parent = path.dirname(dir);
    if (parent === dir) return "unknown";
    dir = parent;
  }
}

async function snapshotFile(folders: MigrationFolder[]): Promise<string> {
  const hash = createHash("sha256").update(await pgliteVersion());
  for (const folder of folders) hash.update(`\0${folder.name}\0${folder.sql}`);
  return path.join(SNAPSHOT_DIR, `pglite-${hash.digest("hex").slice(0, 16)}.tar`);
}

async function readSnapshot(file: string): Promise<Blob | null> {
  const cached = snapshotsInProcess.get(file);
  if (cached) return cached;
  try {
    const blob = new Blob([await readFile(file)]);
    snapshotsInProcess.set(file, blob);
    return blob;
  } catch {
    return null;
  }
}

async function writeSnapshot(file: string, snapshot: Blob): Promise<void> {
  snapshotsInProcess.set(file, snapshot);
  try {
    await mkdir(SNAPSHOT_DIR, { recursive: true });
    // Write then rename, so a parallel test worker never reads a half-written file.
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    await writeFile(temporary, Buffer.from(await snapshot.arrayBuffer()));
    await rename(temporary, file);
    // Snapshots of older migration sets are dead weight (tens of MB each).
    for (const entry of await readdir(SNAPSHOT_DIR)) {
      if (entry.startsWith("pglite-") && entry.endsWith(".tar") && entry !== path.basename(file)) {
        await rm(path.join(SNAPSHOT_DIR, entry), { force: true });
      }
    }
  } catch {
    // The cache is an optimisation only (read-only checkout, full disk…).
  }
}

async function appliedMigrationNames(pglite: PGlite): Promise<string[]> {
  const result = await pglite.query<{ migration_name: string }>(`SELECT "migration_name" FROM "_prisma_migrations" ORDER BY "migration_name"`);
  return result.rows.map((row) => row.migration_name);
}

async function openMigratedPglite(folders: MigrationFolder[], dataDir: string): Promise<PGlite> {
  const file = snapshotsEnabled() ? await snapshotFile(folders) : null;
  const snapshot = file ? await readSnapshot(file) : null;
  if (snapshot) {
    const pglite = new PGlite(dataDir, { ...PGLITE_OPTIONS, loadDataDir: snapshot });
    try {
      await pglite.waitReady;
      const expected = folders.map((folder) => folder.name).sort();
      if (JSON.stringify(await appliedMigrationNames(pglite)) === JSON.stringify(expected)) return pglite;
    } catch {
      // An unreadable snapshot: rebuild below.
    }
    await pglite.close().catch(() => {});
    if (file) snapshotsInProcess.delete(file);
  }

  const pglite = new PGlite(dataDir, PGLITE_OPTIONS);
  try {
    await pglite.waitReady;
    await pglite.exec(MIGRATIONS_TABLE_DDL);
    for (const script of migrationScripts(folders)) await pglite.exec(script);
    if (file) await writeSnapshot(file, await pglite.dumpDataDir("none"));
    return pglite;
  } catch (error) {
    await pglite.close().catch(() => {});
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL (TEST_DATABASE_URL)

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdminClient<T>(adminUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  // WITH (FORCE) (PostgreSQL 13+) ends connections a test may have leaked.
  await withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

async function createPostgresTestDatabase(adminUrl: string, folders: MigrationFolder[]): Promise<Database> {
  const name = `stackcenter_test_${randomBytes(6).toString("hex")}`;
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = databaseUrl(adminUrl, name);

  let database: Database | undefined;
  try {
    // Without parameters pg uses the simple query protocol, which runs multi-statement scripts.
    const migrator = new pg.Client({ connectionString: url });
    await migrator.connect();
    try {
      await migrator.query(MIGRATIONS_TABLE_DDL);
      for (const script of migrationScripts(folders)) await migrator.query(script);
    } finally {
      await migrator.end();
    }
    database = await openDatabase({ databaseUrl: url });
  } catch (error) {
    await dropDatabase(adminUrl, name).catch(() => {});
    throw error;
  }

  const opened = database;
  return {
    ...opened,
    async close() {
      try {
        await opened.close();
      } finally {
        await dropDatabase(adminUrl, name);
      }
    },
  };
}
