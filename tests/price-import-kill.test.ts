// Acceptance: a price list import killed with SIGKILL mid-way (while reading and copying the file,
// or after its rows were copied but before publishing) leaves nothing IMPORTING once the startup
// cleanup (abandonDeadPriceImports, run by `db setup`/`migrate` and the server) has run: the
// version is ABANDONED, its partition tables are gone, and an audit event says so. Against a
// file-backed PGlite folder, or a test PostgreSQL database with TEST_DATABASE_URL.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { readMigrationFolders } from "../lib/database/migrations";
import { openDatabase, PGLITE_EXTENSIONS, type Database } from "../lib/database/open-database";
import { abandonDeadPriceImports, PRICE_IMPORT_CLEANUP_LOCK_KEY, PRICE_IMPORT_STALE_MS } from "../lib/pricing/abandon-dead-price-imports";
import { createTestDatabase } from "./support/test-database";

interface Target {
  env: Record<string, string>;
  open(): Promise<Database>;
  cleanup(): Promise<void>;
}

/** A migrated database the child and the test open in turn (a PGlite folder has one owner at a time). */
async function makeTarget(): Promise<Target> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const database = await createTestDatabase();
    const url = new URL(adminUrl);
    url.pathname = database.location.slice(database.location.indexOf("/"));
    return { env: { DATABASE_URL: url.toString() }, open: async () => database, cleanup: () => database.close() };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "stackcenter-kill-"));
  const pglite = new PGlite(dir, { extensions: PGLITE_EXTENSIONS });
  for (const folder of await readMigrationFolders()) await pglite.exec(folder.sql);
  await pglite.close();
  return { env: { PGLITE_DIR: dir }, open: () => openDatabase({ pgliteDir: dir }), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs the child import and kills it with SIGKILL once its output matches `when`. */
function importKilledWhen(target: Target, when: (line: string) => boolean, rows: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "tests/support/price-import-child.ts"], {
      env: { ...process.env, ...target.env, PRICE_ROWS: String(rows) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const lines: string[] = [];
    let stderr = "";
    let buffered = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const complete = buffered.split("\n");
      buffered = complete.pop() ?? "";
      for (const line of complete) {
        lines.push(line);
        if (when(line) && child.exitCode === null) child.kill("SIGKILL");
      }
    });
    child.on("exit", (code, signal) => {
      if (signal === "SIGKILL") resolve(lines);
      else reject(new Error(`The import ended on its own (${code}) before it was killed: ${stderr.slice(-2000)}`));
    });
  });
}

async function state(database: Database) {
  const { rows: versions } = await database.sql.query<{ id: string; status: string; abandoned: boolean }>(
    `SELECT "id", "status"::text AS status, "abandonedAt" IS NOT NULL AS abandoned FROM "PriceListVersion" ORDER BY "importedAt"`,
  );
  const { rows: tables } = await database.sql.query<{ name: string }>(
    `SELECT relname AS name FROM pg_class WHERE relkind IN ('r', 'p') AND relname ~ '^(PriceListItem|PriceListWord)_' AND relname !~ '_default$' ORDER BY 1`,
  );
  const { rows: events } = await database.sql.query<{ targetId: string; after: { reason: string } }>(
    `SELECT "targetId", "after" FROM "AuditEvent" WHERE "action" = 'price-list.import.abandon' ORDER BY "createdAt"`,
  );
  return { versions, tables: tables.map((t) => t.name), events };
}

let target: Target;
beforeAll(async () => {
  target = await makeTarget();
}, 120_000);
afterAll(async () => {
  await target?.cleanup();
});

describe("a price list import killed with SIGKILL", () => {
  it("mid-copy, and again after its rows were copied: the cleanups leave nothing IMPORTING and no orphan table", async () => {
    const inspect = async () => {
      const database = await target.open();
      try {
        return await state(database);
      } finally {
        if (database.mode === "pglite") await database.close();
      }
    };
    // 1. Killed while reading and copying the file: the COPY's transaction dies with it (no table).
    const midway = await importKilledWhen(target, (line) => line.startsWith("rows ") && Number(line.slice(5)) >= 20_000, 400_000);
    expect(midway.some((line) => line.startsWith("staged"))).toBe(false);
    const first = await inspect();
    expect(first.versions.map((v) => v.status)).toEqual(["IMPORTING"]);
    expect(first.tables).toEqual([]);

    // 2. The next import cleans the first up when it starts, and is killed after its copy committed
    //    its partition tables, before publishing.
    const staged = await importKilledWhen(target, (line) => line.startsWith("staged "), 5_000);
    const stagedId = staged.find((line) => line.startsWith("staged "))?.slice(7) ?? "";
    const second = await inspect();
    expect(second.versions.map((v) => [v.id, v.status])).toEqual([
      [first.versions[0].id, "ABANDONED"],
      [stagedId, "IMPORTING"],
    ]);
    expect(second.tables).toEqual([`PriceListItem_${stagedId}`, `PriceListWord_${stagedId}`]);

    // 3. The startup cleanup: right away, not after the heartbeat ages (the process is gone).
    const database = await target.open();
    try {
      const abandoned = await abandonDeadPriceImports(database);
      expect(abandoned.map((a) => [a.versionId, a.reason, a.sourceFileName])).toEqual([[stagedId, "process-gone", "killed.csv"]]);
      const after = await state(database);
      expect(after.versions.map((v) => [v.status, v.abandoned])).toEqual([
        ["ABANDONED", true],
        ["ABANDONED", true],
      ]);
      expect(after.tables).toEqual([]);
      expect(after.events.map((e) => [e.targetId, e.after.reason])).toEqual([
        [first.versions[0].id, "process-gone"],
        [stagedId, "process-gone"],
      ]);
      expect(await abandonDeadPriceImports(database)).toEqual([]);
    } finally {
      if (database.mode === "pglite") await database.close();
    }
  }, 240_000);
});

describe("the cleanup never touches a running import", () => {
  it("keeps an IMPORTING version whose process lives and whose heartbeat is fresh; abandons one silent too long", async () => {
    const database = await target.open();
    try {
      const insert = (id: string, host: string, pid: number, heartbeat: string) =>
        database.sql.query(
          `INSERT INTO "PriceListVersion" ("id", "effectiveFrom", "sourceFileName", "importHost", "importPid", "heartbeatAt", "importedAt")
           VALUES ($1, '2026-06-01', 'other.csv', $2, $3, ${heartbeat}, ${heartbeat})`,
          [id, host, pid],
        );
      // Another host's import, beating: alive. The same host's live process (the test runner's parent): alive.
      await insert("otherhostbeating", "elsewhere.example", 1, "timezone('UTC', now())");
      await insert("thishostlive", os.hostname(), process.ppid, "timezone('UTC', now())");
      // Another host's import, silent for longer than the threshold: dead.
      await insert("otherhostsilent", "elsewhere.example", 1, `timezone('UTC', now()) - interval '${Math.ceil(PRICE_IMPORT_STALE_MS / 1000) + 5} seconds'`);
      const abandoned = await abandonDeadPriceImports(database);
      expect(abandoned.map((a) => [a.versionId, a.reason])).toEqual([["otherhostsilent", "no-heartbeat"]]);
      const { rows } = await database.sql.query<{ id: string }>(`SELECT "id" FROM "PriceListVersion" WHERE "status" = 'IMPORTING' ORDER BY "id"`);
      expect(rows.map((r) => r.id)).toEqual(["otherhostbeating", "thishostlive"]);
    } finally {
      if (database.mode === "pglite") await database.close();
    }
  }, 60_000);
});

describe.runIf(process.env.TEST_DATABASE_URL)("two portal processes on one PostgreSQL", () => {
  it("skip a version whose COPY transaction is still open, and let one cleanup run at a time", async () => {
    const database = await target.open();
    const stale = `timezone('UTC', now()) - interval '1 day'`;
    await database.sql.query(
      `INSERT INTO "PriceListVersion" ("id", "effectiveFrom", "sourceFileName", "importHost", "importPid", "heartbeatAt", "importedAt")
       VALUES ('copying', '2026-07-01', 'copying.csv', 'elsewhere.example', 1, ${stale}, ${stale})`,
    );
    // The import's COPY transaction holds the version's key-share lock (copyPriceItems) until it commits.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked = () => {};
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const copying = database.sql.transaction(async (tx) => {
      await tx.query(`SELECT 1 FROM "PriceListVersion" WHERE "id" = 'copying' FOR KEY SHARE`);
      locked();
      await held;
    });
    await lockTaken;
    expect(await abandonDeadPriceImports(database)).toEqual([]);
    release();
    await copying;

    // Another process cleaning right now (holding the cleanup's lock): this one leaves it to it.
    let done = () => {};
    const otherDone = new Promise<void>((resolve) => (done = resolve));
    let otherLocked = () => {};
    const otherHasLock = new Promise<void>((resolve) => (otherLocked = resolve));
    const other = database.sql.transaction(async (tx) => {
      const { rows } = await tx.query<{ locked: boolean }>(`SELECT pg_try_advisory_xact_lock(${PRICE_IMPORT_CLEANUP_LOCK_KEY}) AS locked`);
      expect(rows[0].locked).toBe(true);
      otherLocked();
      await otherDone;
    });
    await otherHasLock;
    expect(await abandonDeadPriceImports(database)).toEqual([]);
    done();
    await other;

    expect((await abandonDeadPriceImports(database)).map((a) => [a.versionId, a.reason])).toEqual([["copying", "no-heartbeat"]]);
  }, 60_000);
});
