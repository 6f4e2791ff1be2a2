// Opens the database in one of the two supported modes. Imported by the app (through lib/db.ts),
// by scripts (migrate, seed, benchmarks) and by tests, so it deliberately does not import
// "server-only": that guard would make it unloadable outside Next's server bundle.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFromStdin } from "pg-copy-streams";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "../../generated/prisma/client";

export type DatabaseMode = "pglite" | "postgres";

/** A raw SQL runner on the same connection(s) Prisma uses, for set-based bulk paths. */
export interface RawSql {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  /**
   * COPY … FROM of rows in PostgreSQL's text format (tab-separated columns, `\N` for NULL, one row
   * per line, backslash escapes) into `target`: `"Table" ("col", …)`. The fastest way to load
   * many rows on both drivers: streamed (COPY FROM STDIN) on PostgreSQL, handed over as one blob
   * (COPY FROM '/dev/blob') to PGlite. `chunks` are concatenated; each should end with a newline.
   * Returns the number of rows copied.
   */
  copyFrom(target: string, chunks: Iterable<string> | AsyncIterable<string>): Promise<number>;
  /**
   * Runs `fn` in one transaction on ONE connection (a pg Pool would otherwise spread BEGIN and
   * COMMIT over different clients). Rolls back when `fn` throws. Don't use Prisma inside `fn`:
   * on PGlite its single connection is held by the transaction until it ends.
   */
  transaction<T>(fn: (tx: SqlTransaction) => Promise<T>): Promise<T>;
}

/** What runs inside RawSql.transaction: queries and COPY on the transaction's connection. */
export type SqlTransaction = Pick<RawSql, "query" | "copyFrom">;

export interface Database {
  mode: DatabaseMode;
  /** Where the data lives, without credentials: a folder for PGlite, host/db for PostgreSQL. */
  location: string;
  prisma: PrismaClient;
  sql: RawSql;
  /** Adapter factory for Prisma's schema engine (migrations). */
  migrationAdapter: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

export const DEFAULT_PGLITE_DIR = ".data/pglite";

export interface OpenDatabaseOptions {
  /** postgres://… for a PostgreSQL server; anything else (or nothing) selects PGlite. */
  databaseUrl?: string;
  /** PGlite folder; "memory://" keeps it in memory (tests). */
  pgliteDir?: string;
}

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  if (isPostgresUrl(options.databaseUrl)) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    const adapter = new PrismaPg(pool);
    const prisma = new PrismaClient({ adapter });
    const url = new URL(options.databaseUrl);
    return {
      mode: "postgres",
      location: `${url.hostname}:${url.port || 5432}${url.pathname}`,
      prisma,
      sql: {
        query: (text, params) => pool.query(text, params) as never,
        copyFrom: async (target, chunks) => {
          const client = await pool.connect();
          try {
            return await pgCopyFrom(client, target, chunks);
          } finally {
            client.release();
          }
        },
        transaction: (fn) => poolTransaction(pool, fn),
      },
      migrationAdapter: runScriptsWhole(adapter, pool),
      async close() {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }

  const dir = options.pgliteDir ?? DEFAULT_PGLITE_DIR;
  // turbopackIgnore: the folder is chosen at run time; without it Turbopack traces the whole project.
  const dataDir = dir.startsWith("memory://") ? dir : path.resolve(/* turbopackIgnore: true */ dir);
  if (!dataDir.startsWith("memory://")) mkdirSync(path.dirname(dataDir), { recursive: true });
  const pglite = new PGlite(dataDir);
  await pglite.waitReady;
  const adapter = new PrismaPGlite(pglite);
  const prisma = new PrismaClient({ adapter });
  return {
    mode: "pglite",
    location: dataDir,
    prisma,
    sql: pgliteRawSql(pglite),
    migrationAdapter: adapter,
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

/** RawSql over one PGlite instance (also used by the test databases). */
export function pgliteRawSql(pglite: PGlite): RawSql {
  return {
    query: (text, params) => pglite.query(text, params) as never,
    copyFrom: (target, chunks) => pgliteCopyFrom(pglite, target, chunks),
    // PGlite's own transaction() holds its single connection for the whole callback.
    transaction: (fn) =>
      pglite.transaction((tx) =>
        fn({ query: (text, params) => tx.query(text, params) as never, copyFrom: (target, chunks) => pgliteCopyFrom(tx, target, chunks) }),
      ),
  };
}

/** PGlite reads COPY input from the virtual file /dev/blob, filled from the query's `blob` option. */
async function pgliteCopyFrom(runner: Pick<PGlite, "query">, target: string, chunks: Iterable<string> | AsyncIterable<string>): Promise<number> {
  const parts: string[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  const result = await runner.query(`COPY ${target} FROM '/dev/blob'`, [], { blob: new Blob(parts) });
  return result.affectedRows ?? 0;
}

/** COPY FROM STDIN streamed chunk by chunk (backpressure respected) on one pg client. */
async function pgCopyFrom(client: pg.PoolClient, target: string, chunks: Iterable<string> | AsyncIterable<string>): Promise<number> {
  const stream = client.query(copyFromStdin(`COPY ${target} FROM STDIN`));
  await pipeline(Readable.from(chunks, { objectMode: false }), stream);
  return stream.rowCount;
}

async function poolTransaction<T>(pool: pg.Pool, fn: (tx: SqlTransaction) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await fn({ query: (text, params) => client.query(text, params) as never, copyFrom: (target, chunks) => pgCopyFrom(client, target, chunks) });
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The options the running process was configured with (env). */
export function databaseOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): OpenDatabaseOptions {
  return { databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR ?? DEFAULT_PGLITE_DIR };
}

/**
 * adapter-pg's executeScript splits a migration on every ";" — including those inside string
 * literals and function bodies — so migrations run through it break. PostgreSQL's simple query
 * protocol takes the whole script at once (in one implicit transaction), which is what
 * `prisma migrate deploy` does with the native engine.
 */
function runScriptsWhole(factory: PrismaPg, pool: pg.Pool): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      adapter.executeScript = async (script: string) => {
        await pool.query(script);
      };
      return adapter;
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
}
