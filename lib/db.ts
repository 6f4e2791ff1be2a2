// The one Prisma client of the running app. Lazily opened once per process and cached on
// globalThis so Next's module re-evaluation (dev reloads, multiple route bundles) never opens
// the embedded PGlite folder twice: PGlite allows a single owner per data directory.
import { databaseOptionsFromEnv, openDatabase, type Database } from "./database/open-database";

const globalForDb = globalThis as unknown as { stackcenterDb?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  globalForDb.stackcenterDb ??= openDatabase(databaseOptionsFromEnv());
  return globalForDb.stackcenterDb;
}

/** Replaces the process database (tests point lib/ at a fresh in-memory database). */
export function setDatabaseForTests(database: Database): void {
  globalForDb.stackcenterDb = Promise.resolve(database);
}

export async function getPrisma() {
  return (await getDatabase()).prisma;
}

export type { Database } from "./database/open-database";
