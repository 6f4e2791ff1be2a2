// Streams an uploaded recon file into a new STAGING import, in one transaction (all or nothing).
// The CSV's fields are read and checked in Node (readBilledLines: only the Azure Stack lines, the
// first bad value refused by line and column) while PostgreSQL COPYs the previous chunk of
// converted rows straight into the import's own partition of "ReconciliationBilledLine". The same
// file again (same SHA-256, partner and period, known once the file is read) stops there and
// answers the earlier import. No scope check here (importReconciliationFile adds it, then matches
// and publishes with an audit event); not "server-only", so the bench runs exactly this code.
import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import type { RawSql } from "../database/open-database";
import { COMMON_ERROR_CODES, DomainError } from "../errors";
import { sqlLiteral } from "../database/sql-text";
import { importTableName } from "./import-table-name";
import { openReconFile } from "./open-recon-file";
import { detectReconFormat } from "./reconciliation-columns";
import { BILLED_LINE_COPY_COLUMNS, readBilledLines } from "./read-billed-lines";
import { reconDatabaseError } from "./recon-database-error";
import { unsafeAggregateRatedLines } from "./unsafe-aggregate-rated-lines";

export interface StageReconciliationInput {
  partnerId: string;
  period: string;
  fileName: string;
  source: AsyncIterable<Uint8Array | string>;
  importedById: string | null;
  /** Quantity tolerance in percent, as a decimal string. */
  tolerancePercent: string;
  /**
   * Aggregate the period's rated lines on a connection of their own while the file is read
   * (PostgreSQL: unsafeAggregateRatedLines); the table is StagedReconciliation.ratedKeys.
   */
  aggregateRatedLines?: boolean;
  /** Called as each step ends (the bench prints them). */
  onStep?: (step: "copy" | "duplicate" | "key") => void;
}

export interface StagedReconciliation {
  importId: string;
  fileHash: string;
  /** An earlier import of the same file (partner, period, SHA-256): nothing was staged. */
  duplicateOf: string | null;
  compression: "none" | "gzip" | "zip";
  bytes: number;
  /** The rated side aggregated ahead (when asked), for the matching to join and drop. */
  ratedKeys: string | null;
  summary: { format: "DAILY_RATED" | "LEGACY"; linesRead: number; azureStackLines: number; setAsideLines: number; currency: string | null };
}

const MAX_COLUMNS = 1000;

const fileError = (message: string) => new DomainError(COMMON_ERROR_CODES.ValidationFailed, message, { fields: { file: message } });

/** The decompressed bytes; a read or decompression failure is the file's fault. */
async function* csvBytes(csv: Readable): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of csv as AsyncIterable<Uint8Array>) yield chunk;
  } catch (error) {
    throw error instanceof DomainError
      ? error
      : fileError(`The file could not be read or decompressed (${error instanceof Error ? error.message : String(error)}).`);
  }
}

class Duplicate extends Error {
  constructor(readonly importId: string) {
    super("duplicate");
  }
}

export async function stageReconciliationFile(sql: RawSql, input: StageReconciliationInput): Promise<StagedReconciliation> {
  const { rows: meters } = await sql.query<{ id: string }>(`SELECT lower("id"::text) AS "id" FROM "CommerceMeter"`);
  const file = await openReconFile(input.source);
  let lines;
  try {
    lines = await readBilledLines(csvBytes(file.csv));
  } catch (error) {
    file.csv.destroy();
    throw reconDatabaseError(error);
  }
  const header = lines.header;
  if (!header) throw fileError("The file has no header line.");
  const columns = detectReconFormat(header);
  if (!columns) {
    file.csv.destroy();
    throw fileError(
      "This is not a Partner Center recon file: its header has neither MeterRegion and UsageDate (daily-rated usage) nor ResourceGuid and ChargeStartDate (legacy usage-based).",
    );
  }
  // Partner Center writes 52 columns.
  if (header.length > MAX_COLUMNS) {
    file.csv.destroy();
    throw fileError(`The header has ${header.length} columns; a recon file has at most ${MAX_COLUMNS}.`);
  }
  const importId = randomUUID();
  const aggregating = input.aggregateRatedLines
    ? unsafeAggregateRatedLines(sql, importId, { partnerId: input.partnerId, period: input.period, legacy: columns.format === "LEGACY" })
    : null;
  // Awaited below; a failure here must not go unhandled while the file is still being read.
  aggregating?.catch(() => undefined);
  try {
    const staged = await sql.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO "ReconciliationImport" ("id", "partnerId", "period", "fileName", "fileHash", "format", "state", "quantityTolerancePercent", "importedById")
         VALUES ($1, $2, $3, $4, 'pending', $5::"ReconciliationFormat", 'STAGING', $6::numeric, $7)`,
        [importId, input.partnerId, input.period, input.fileName, columns.format, input.tolerancePercent, input.importedById],
      );
      // The import's own table, without index: the COPY (into a table new in this transaction)
      // writes no index entries; the key is built once at the end, and attaching it makes it the
      // import's partition ("ReconciliationBilledLine" is partitioned by import, see its migration).
      const table = importTableName("ReconciliationBilledLine", importId);
      await tx.query(`CREATE TABLE ${table} (LIKE "ReconciliationBilledLine" INCLUDING DEFAULTS, CHECK ("importId" = ${sqlLiteral(importId)}))`);
      await tx.query(`ALTER TABLE ${table} ALTER COLUMN "importId" SET DEFAULT ${sqlLiteral(importId)}`);
      try {
        // FREEZE (allowed: the table is new in this transaction): the rows are stored frozen, so the
        // matching's first reads don't dirty and write every page again to set hint bits.
        await tx.copyFrom(
          `COPY ${table} (${BILLED_LINE_COPY_COLUMNS}) FROM STDIN WITH (FREEZE)`,
          lines.rows(columns, new Set(meters.map((meter) => meter.id))),
        );
      } catch (error) {
        throw reconDatabaseError(error);
      }
      input.onStep?.("copy");
      const read = lines.summary();
      const { linesRead, azureStackLines, currency } = read;
      const summary = { format: columns.format, linesRead, azureStackLines, setAsideLines: linesRead - azureStackLines, currency };
      // lower() of a resource URI or customer beyond ASCII is PostgreSQL's, as on the rated lines' side of the matching.
      if (read.nonAscii) {
        await tx.query(
          `UPDATE ${table} SET "resourceUri" = lower("resourceUri"), "customerTenantId" = lower("customerTenantId")
            WHERE octet_length("resourceUri") <> length("resourceUri") OR octet_length("customerTenantId") <> length("customerTenantId")`,
        );
      }
      const hash = await file.finish();
      const { rows: duplicates } = await tx.query<{ id: string }>(
        `SELECT "id" FROM "ReconciliationImport" WHERE "partnerId" = $1 AND "period" = $2 AND "fileHash" = $3 AND "state" <> 'STAGING' ORDER BY "importedAt" DESC LIMIT 1`,
        [input.partnerId, input.period, hash],
      );
      if (duplicates[0]) throw new Duplicate(duplicates[0].id);
      input.onStep?.("duplicate");
      await tx.query(`ALTER TABLE ${table} ADD PRIMARY KEY ("importId", "lineNumber")`);
      await tx.query(`ALTER TABLE "ReconciliationBilledLine" ATTACH PARTITION ${table} FOR VALUES IN (${sqlLiteral(importId)})`);
      // The matching's estimates: without statistics the planner takes a new million-line table for a few hundred rows.
      await tx.query(`ANALYZE ${table}`);
      input.onStep?.("key");
      const ratedKeys = aggregating ? await aggregating : null;
      await tx.query(
        `UPDATE "ReconciliationImport" SET "fileHash" = $2, "linesRead" = $3, "azureStackLines" = $4, "setAsideLines" = $5, "currency" = $6 WHERE "id" = $1`,
        [importId, hash, summary.linesRead, summary.azureStackLines, summary.setAsideLines, summary.currency],
      );
      return { hash, summary, ratedKeys };
    });
    return {
      importId,
      fileHash: staged.hash,
      duplicateOf: null,
      compression: file.compression,
      bytes: file.bytesRead(),
      summary: staged.summary,
      ratedKeys: staged.ratedKeys,
    };
  } catch (error) {
    file.csv.destroy();
    if (aggregating) {
      await aggregating.catch(() => undefined);
      await sql.query(`DROP TABLE IF EXISTS ${importTableName("ReconciliationRatedKeys", importId)}`);
    }
    if (!(error instanceof Duplicate)) throw reconDatabaseError(error);
    const { rows } = await sql.query<{
      fileHash: string;
      format: "DAILY_RATED" | "LEGACY";
      linesRead: number;
      azureStackLines: number;
      setAsideLines: number;
      currency: string | null;
    }>(
      `SELECT "fileHash", "format"::text AS "format", "linesRead", "azureStackLines", "setAsideLines", "currency" FROM "ReconciliationImport" WHERE "id" = $1`,
      [error.importId],
    );
    const { fileHash, ...summary } = rows[0];
    return {
      importId: error.importId,
      fileHash,
      duplicateOf: error.importId,
      compression: file.compression,
      bytes: file.bytesRead(),
      summary,
      ratedKeys: null,
    };
  }
}
