// Opens the database in one of the two supported modes. Imported by the app (through lib/db.ts),
// by scripts (migrate, seed, benchmarks) and by tests, so it deliberately does not import
// "server-only": that guard would make it unloadable outside Next's server bundle.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { from as copyFromStdin, to as copyToQuery } from "pg-copy-streams";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "../../generated/prisma/client";

export type DatabaseMode = "pglite" | "postgres";

/** A raw SQL runner on the same connection(s) Prisma uses, for set-based bulk paths. */
export interface RawSql {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  /**
   * Runs `fn` in one transaction on ONE connection (a pg Pool would otherwise spread BEGIN and
   * COMMIT over different clients). Rolls back when `fn` throws. Don't use Prisma inside `fn`:
   * on PGlite its single connection is held by the transaction until it ends.
   */
  transaction<T>(fn: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  /**
   * PostgreSQL only (absent on PGlite): runs `COPY (…) TO STDOUT …` on a dedicated pool client and
   * returns its output as a pull-based byte stream. The socket is paused while the consumer is
   * behind (backpressure); the client goes back to the pool when the copy ends, and is destroyed
   * (never reused mid-COPY) on error or when the consumer cancels.
   */
  copyTo?(copySql: string): ReadableStream<Uint8Array>;
  /**
   * Bulk load: runs `copySql` (a `COPY … FROM STDIN` statement) with `data` as its input, in COPY's
   * text or CSV format, and returns the number of rows copied. All or nothing: a failing statement
   * or a `data` that throws copies no row. Memory stays at a few chunks: PostgreSQL gets one COPY
   * streamed with back-pressure; PGlite (whose COPY reads a blob) one COPY per few MB of `data`
   * inside one transaction, so chunks must end at a row boundary there. Inside `transaction`, use
   * the transaction's own `copyFrom` (same contract, on the transaction's connection; that is also
   * where locks or SET LOCAL go first).
   */
  copyFrom(copySql: string, data: CopyData): Promise<number>;
}

/** COPY input: chunks of COPY text/CSV, each ending at a row boundary. */
export type CopyData = Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array> | Readable;

/** What runs inside RawSql.transaction: queries and COPY on the transaction's connection. */
export interface SqlTransaction extends Pick<RawSql, "query"> {
  copyFrom(copySql: string, data: CopyData): Promise<number>;
}

/**
 * The extensions loaded into every PGlite instance (app, tests, migration shadow database): the
 * migrations create them, so a PGlite without them could not replay the migrations.
 */
export const PGLITE_EXTENSIONS = { pg_trgm };

/**
 * PostgreSQL settings of every PGlite instance (the portal's folder, the tests' in-memory ones), on
 * top of PGlite's own start parameters. Both stop PostgreSQL from growing files in a way that an
 * in-memory PGlite pays for by copying: its files are JavaScript arrays, and a file that grows is
 * copied into a bigger array (docs/benchmarks.md#pglite-ingest-figures).
 * - file_extend_method=write_zeros: a table extended by many pages at once (COPY, bulk inserts)
 *   writes zeros instead of calling posix_fallocate, which Emscripten's memory file system serves
 *   by copying the whole file into an array of exactly the new size, at every extension;
 * - wal_init_zero=off: a new 16 MB WAL segment is created by one write at its end (one array of its
 *   final size) instead of 16 MB of zeros written 8 kB at a time (the array copied ~25 times as it
 *   grows). PGlite runs with fsync off, so pre-zeroing secures nothing.
 */
const PGLITE_SETTINGS: Record<string, string> = { file_extend_method: "write_zeros", wal_init_zero: "off" };

/** What every PGlite of the project is opened with: the extensions the migrations create and PGLITE_SETTINGS. */
export const PGLITE_OPTIONS = {
  extensions: PGLITE_EXTENSIONS,
  startParams: [...PGlite.defaultStartParams, ...Object.entries(PGLITE_SETTINGS).flatMap(([name, value]) => ["-c", `${name}=${value}`])],
};

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
    // An idle (or just released) connection the server terminates — a PostgreSQL restart, a
    // failover, an administrator's pg_terminate_backend — is reported as the pool's "error" event;
    // without a listener Node treats it as an uncaught exception and the whole portal exits. The
    // pool has already dropped that connection and opens a new one on demand: log and go on.
    pool.on("error", (error) => {
      console.warn(`PostgreSQL connection lost (${error.message}); the pool will reconnect.`);
    });
    const adapter = new PrismaPg(pool);
    const prisma = new PrismaClient({ adapter });
    const url = new URL(options.databaseUrl);
    return {
      mode: "postgres",
      location: `${url.hostname}:${url.port || 5432}${url.pathname}`,
      prisma,
      sql: {
        query: (text, params) => pool.query(text, params) as never,
        transaction: (fn) => poolTransaction(pool, fn),
        copyTo: (copySql) => poolCopyTo(pool, copySql),
        copyFrom: (copySql, data) => poolCopyFrom(pool, copySql, data),
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
  const pglite = new PGlite(dataDir, PGLITE_OPTIONS);
  await pglite.waitReady;
  const adapter = new PrismaPGlite(pglite);
  const prisma = new PrismaClient({ adapter });
  return {
    mode: "pglite",
    location: dataDir,
    prisma,
    sql: pgliteRawSql(pglite),
    migrationAdapter: pgliteMigrationAdapter(pglite),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

/**
 * Prisma's PGlite adapter for the schema engine, with a shadow database (used to replay the
 * migrations when diffing) that has our extensions: the adapter's own shadow has none.
 */
export function pgliteMigrationAdapter(pglite: PGlite): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaPGlite(pglite);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => factory.connect(),
    connectToShadowDb: () => new PrismaPGlite(new PGlite("memory://shadow", PGLITE_OPTIONS)).connect(),
  };
}

/** RawSql over one PGlite instance (also used by the test databases). */
export function pgliteRawSql(pglite: PGlite): RawSql {
  return {
    query: (text, params) => pglite.query(text, params) as never,
    // PGlite's own transaction() holds its single connection for the whole callback.
    transaction: (fn) =>
      pglite.transaction((tx) =>
        fn({ query: (text, params) => tx.query(text, params) as never, copyFrom: (copySql, data) => pgliteCopyChunks(tx, copySql, data) }),
      ),
    copyFrom: (copySql, data) => pglite.transaction((tx) => pgliteCopyChunks(tx, copySql, data)),
  };
}

/** PGlite's COPY reads its input from a blob: this much of `data` per statement. */
const PGLITE_COPY_BYTES = 4 * 1024 * 1024;

/** One COPY per few MB of `data` on `runner` (PGlite or one of its transactions). */
async function pgliteCopyChunks(runner: Pick<PGlite, "query">, copySql: string, data: CopyData): Promise<number> {
  const fromBlob = copySql.replace(/\bFROM\s+STDIN\b/i, "FROM '/dev/blob'");
  if (fromBlob === copySql) throw new Error("copyFrom expects a COPY … FROM STDIN statement");
  let parts: (string | Uint8Array)[] = [];
  let size = 0;
  let copied = 0;
  const flush = async () => {
    if (parts.length === 0) return;
    const blob = new Blob(parts as BlobPart[]);
    parts = [];
    size = 0;
    copied += (await runner.query(fromBlob, [], { blob })).affectedRows ?? 0;
  };
  for await (const chunk of data as AsyncIterable<string | Uint8Array>) {
    parts.push(chunk);
    size += chunk.length;
    if (size >= PGLITE_COPY_BYTES) await flush();
  }
  await flush();
  return copied;
}

/**
 * How far the source may run ahead of the server: the chunks produced but not yet taken by the
 * socket. With the stream default (16 KB, i.e. one chunk) the producer (the ingest's encoder) only
 * started a chunk when the previous one had left, so every pause on either side — a GC in Node, a
 * slow stretch of the server's parse — stalled the other; a few chunks of slack let both run.
 */
const COPY_READ_AHEAD_BYTES = 8 * 1024 * 1024;

/** COPY FROM STDIN streamed with back-pressure on one pg client. */
async function pgCopyChunks(client: pg.PoolClient, copySql: string, data: CopyData): Promise<number> {
  const copy = client.query(copyFromStdin(copySql));
  // A failing source destroys the COPY stream, which sends CopyFail: the statement copies nothing.
  await pipeline(data instanceof Readable ? data : Readable.from(data, { objectMode: false, highWaterMark: COPY_READ_AHEAD_BYTES }), copy);
  return copy.rowCount;
}

async function poolCopyFrom(pool: pg.Pool, copySql: string, data: CopyData): Promise<number> {
  const client = await pool.connect();
  let failed = false;
  try {
    await client.query("BEGIN");
    const copied = await pgCopyChunks(client, copySql, data);
    await client.query("COMMIT");
    return copied;
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // After a failure the connection may sit in an aborted transaction or COPY state: drop it.
    client.release(failed);
  }
}

async function poolTransaction<T>(pool: pg.Pool, fn: (tx: SqlTransaction) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await fn({
      query: (text, params) => client.query(text, params) as never,
      copyFrom: (copySql, data) => pgCopyChunks(client, copySql, data),
    });
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

function poolCopyTo(pool: pg.Pool, copySql: string): ReadableStream<Uint8Array> {
  let client: pg.PoolClient | undefined;
  let copy: ReturnType<typeof copyToQuery> | undefined;
  let released = false;
  let open = true;
  const release = (error?: Error) => {
    if (released || !client) return;
    released = true;
    // release(error) destroys the connection: one cut off mid-COPY must never serve another query.
    client.release(error);
  };
  return new ReadableStream<Uint8Array>(
    {
      async start(controller) {
        client = await pool.connect();
        // Cancelled while connecting (cancel() does not wait for start): give the client back.
        if (!open) return release();
        copy = client.query(copyToQuery(copySql));
        copy.pause();
        copy.on("data", (chunk: Buffer) => {
          if (!open) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) copy?.pause();
        });
        copy.on("end", () => {
          release();
          if (open) controller.close();
          open = false;
        });
        copy.on("error", (error: Error) => {
          release(error);
          if (open) controller.error(error);
          open = false;
        });
      },
      pull() {
        copy?.resume();
      },
      cancel() {
        open = false;
        release(new Error("COPY cancelled by the consumer"));
        copy?.destroy();
      },
    },
    // Up to 8 socket-sized chunks queued ahead of the consumer, then the socket is paused.
    { highWaterMark: 8 },
  );
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
