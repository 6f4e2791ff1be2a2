// Cleans up price list imports that died before publishing (process killed, crashed, lost its
// database): their IMPORTING version is marked ABANDONED (kept, with who started it and when, for
// the import page) and its partition tables are dropped. Run at start (scripts/db.ts setup and
// migrate), when an import starts, and hourly in the server (schedulePriceImportCleanup).
// Not "server-only": scripts/db.ts runs it outside Next. For the same reason it writes its audit
// event with SQL rather than recordAuditEvent (same row: no actor, no partner).
import os from "node:os";
import type { Database } from "../database/open-database";
import { priceItemsPartition, priceWordsPartition } from "./copy-price-items";
import { PRICE_IMPORT_HEARTBEAT_MS, RUNNING_PRICE_IMPORTS } from "./price-import-heartbeat";

/** An import whose heartbeat is older than this (20 missed beats) is dead, wherever it ran. */
export const PRICE_IMPORT_STALE_MS = 20 * PRICE_IMPORT_HEARTBEAT_MS;

/** $1 (an ISO instant) as the UTC timestamp without zone that Prisma's DateTime columns hold. */
const UTC_NOW = `($1::timestamptz AT TIME ZONE 'UTC')`;

/** Any fixed key: the portal's processes take it so only one of them cleans up at a time. */
export const PRICE_IMPORT_CLEANUP_LOCK_KEY = 7_310_042_015;

export interface AbandonedPriceImport {
  versionId: string;
  sourceFileName: string;
  importedAt: Date;
  importedByEmail: string | null;
  reason: "process-gone" | "no-heartbeat";
}

interface Candidate {
  id: string;
  sourceFileName: string;
  /** ISO text: the columns are UTC timestamps without a zone, which drivers would read as local. */
  importedAt: string;
  heartbeatAt: string | null;
  importedByEmail: string | null;
  importHost: string | null;
  importPid: number | null;
  /** Milliseconds since the last heartbeat (or the start, before the first). */
  silentMs: number;
}

/** Whether process `pid` exists on this host (EPERM: it exists, under another user). */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Why `version`'s import is dead, or null while it may be running. Never one this process is
 * running; on this host, a process that no longer exists (or this very process, which isn't running
 * it: a previous life with the same pid) is dead at once; elsewhere only the heartbeat tells.
 */
function deathOf(version: Candidate, host: string): AbandonedPriceImport["reason"] | null {
  if (RUNNING_PRICE_IMPORTS.has(version.id)) return null;
  if (version.importHost === host && version.importPid !== null) {
    if (version.importPid === process.pid || !processExists(version.importPid)) return "process-gone";
  }
  return version.silentMs > PRICE_IMPORT_STALE_MS ? "no-heartbeat" : null;
}

/**
 * Marks every dead import ABANDONED, drops its tables and records a `price-list.import.abandon`
 * audit event, in one transaction; returns what it abandoned. Safe with several portal processes
 * on one PostgreSQL: a transaction-level advisory lock lets one process clean at a time (the others
 * return at once), and FOR UPDATE SKIP LOCKED passes over a version whose COPY transaction is
 * still open (it holds the row's key-share lock), so a running COPY is never touched.
 */
export async function abandonDeadPriceImports(database: Pick<Database, "sql">, now = new Date()): Promise<AbandonedPriceImport[]> {
  const host = os.hostname();
  return database.sql.transaction(async (tx) => {
    const { rows: locked } = await tx.query<{ locked: boolean }>(`SELECT pg_try_advisory_xact_lock(${PRICE_IMPORT_CLEANUP_LOCK_KEY}) AS locked`);
    if (!locked[0]?.locked) return [];
    const iso = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    const { rows } = await tx.query<Candidate>(
      `SELECT "id", "sourceFileName", ${iso('"importedAt"')} AS "importedAt", ${iso('"heartbeatAt"')} AS "heartbeatAt",
              "importedByEmail", "importHost", "importPid",
              (EXTRACT(EPOCH FROM ${UTC_NOW} - COALESCE("heartbeatAt", "importedAt")) * 1000)::float8 AS "silentMs"
         FROM "PriceListVersion" WHERE "status" = 'IMPORTING' ORDER BY "importedAt" FOR UPDATE SKIP LOCKED`,
      [now.toISOString()],
    );
    const abandoned: AbandonedPriceImport[] = [];
    for (const version of rows) {
      const reason = deathOf(version, host);
      if (!reason) continue;
      await tx.query(`DROP TABLE IF EXISTS ${priceItemsPartition(version.id)}, ${priceWordsPartition(version.id)}`);
      await tx.query(`UPDATE "PriceListVersion" SET "status" = 'ABANDONED', "abandonedAt" = ${UTC_NOW}, "rowCount" = 0 WHERE "id" = $2`, [
        now.toISOString(),
        version.id,
      ]);
      await tx.query(
        `INSERT INTO "AuditEvent" ("id", "actorUserId", "partnerId", "action", "targetType", "targetId", "before", "after", "createdAt")
         VALUES (gen_random_uuid()::text, NULL, NULL, 'price-list.import.abandon', 'PriceListVersion', $2, $3::jsonb, $4::jsonb, ${UTC_NOW})`,
        [
          now.toISOString(),
          version.id,
          JSON.stringify({
            status: "IMPORTING",
            importedAt: version.importedAt,
            heartbeatAt: version.heartbeatAt,
            importHost: version.importHost,
            importPid: version.importPid,
          }),
          JSON.stringify({ status: "ABANDONED", reason, sourceFileName: version.sourceFileName, importedByEmail: version.importedByEmail }),
        ],
      );
      abandoned.push({
        versionId: version.id,
        sourceFileName: version.sourceFileName,
        importedAt: new Date(version.importedAt),
        importedByEmail: version.importedByEmail,
        reason,
      });
    }
    return abandoned;
  });
}
