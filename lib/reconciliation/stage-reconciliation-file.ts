// Streams an uploaded recon file into a new STAGING import, in one transaction (all or nothing).
// The CSV's bytes go to PostgreSQL as they are: split at record boundaries (splitCsvRecords: no
// field is read in JS), COPYed with PostgreSQL's own CSV reader into a temporary table whose
// columns follow the file's header, keeping only the Azure Stack lines; one INSERT … SELECT then
// checks and converts them into the import's own partition of "ReconciliationBilledLine"
// (billed-lines-sql.ts). The same file again (same SHA-256, partner and period, known once the
// COPY has read it) stops there and answers the earlier import. No scope check here
// (importReconciliationFile adds it, then matches and publishes with an audit event); not
// "server-only", so the bench runs exactly this code.
import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import type { RawSql } from "../database/open-database";
import { COMMON_ERROR_CODES, DomainError } from "../errors";
import { sqlLiteral } from "../database/sql-text";
import { billedLinesPartition } from "./billed-lines-partition";
import { openReconFile } from "./open-recon-file";
import { detectReconFormat } from "./reconciliation-columns";
import { splitCsvRecords, CsvLayoutError } from "./split-csv-records";
import { billedLinesInsertSql, currencySql, rawColumnsOf, rawCopySql, rawTableSql, REFUSE_FUNCTION_SQL } from "./billed-lines-sql";
import { reconDatabaseError } from "./recon-database-error";

export interface StageReconciliationInput {
  partnerId: string;
  period: string;
  fileName: string;
  source: AsyncIterable<Uint8Array | string>;
  importedById: string | null;
  /** Quantity tolerance in percent, as a decimal string. */
  tolerancePercent: string;
  /** Called as each step ends (the bench prints them). */
  onStep?: (step: "copy" | "checks" | "key") => void;
}

export interface StagedReconciliation {
  importId: string;
  fileHash: string;
  /** An earlier import of the same file (partner, period, SHA-256): nothing was staged. */
  duplicateOf: string | null;
  compression: "none" | "gzip" | "zip";
  bytes: number;
  summary: { format: "DAILY_RATED" | "LEGACY"; linesRead: number; azureStackLines: number; setAsideLines: number; currency: string | null };
}

/** PGlite's COPY reads one blob per statement (RawSql.copyFrom): chunks this large are one statement each. */
const CHUNK_BYTES = 4 * 1024 * 1024;
const RAW_TABLE = "reconciliation_raw";
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

/** A value PostgreSQL's input functions or the table's columns refuse (classes 22 and 23). */
const isDataError = (error: unknown) => /^2[23]/.test(String((error as { code?: unknown } | null)?.code ?? ""));

class Duplicate extends Error {
  constructor(readonly importId: string) {
    super("duplicate");
  }
}

export async function stageReconciliationFile(sql: RawSql, input: StageReconciliationInput): Promise<StagedReconciliation> {
  const { rows: meters } = await sql.query<{ id: string }>(`SELECT lower("id"::text) AS "id" FROM "CommerceMeter"`);
  const file = await openReconFile(input.source);
  let split;
  try {
    split = await splitCsvRecords(csvBytes(file.csv), CHUNK_BYTES);
  } catch (error) {
    file.csv.destroy();
    throw error instanceof CsvLayoutError ? fileError(`Line ${error.line}: ${error.message}`) : error;
  }
  const header = split.header;
  if (!header) throw fileError("The file has no header line.");
  const columns = detectReconFormat(header);
  if (!columns) {
    file.csv.destroy();
    throw fileError(
      "This is not a Partner Center recon file: its header has neither MeterRegion and UsageDate (daily-rated usage) nor ResourceGuid and ChargeStartDate (legacy usage-based).",
    );
  }
  // Partner Center writes 52 columns; a table has at most 1,600.
  if (header.length > MAX_COLUMNS) {
    file.csv.destroy();
    throw fileError(`The header has ${header.length} columns; a recon file has at most ${MAX_COLUMNS}.`);
  }
  const raw = rawColumnsOf(header, columns);
  const importId = randomUUID();
  // PostgreSQL reads the file as one COPY; PGlite (no copyTo) one COPY per chunk, numbering its lines from 1 each time.
  const place = { header, lineOf: split.lineOf, lineOfCopyLine: (line: number) => split.lineOfCopyLine(line, !sql.copyTo) };
  try {
    const staged = await sql.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO "ReconciliationImport" ("id", "partnerId", "period", "fileName", "fileHash", "format", "state", "quantityTolerancePercent", "importedById")
         VALUES ($1, $2, $3, $4, 'pending', $5::"ReconciliationFormat", 'STAGING', $6::numeric, $7)`,
        [importId, input.partnerId, input.period, input.fileName, columns.format, input.tolerancePercent, input.importedById],
      );
      await tx.query(rawTableSql(RAW_TABLE, header.length));
      let azureStackLines: number;
      try {
        azureStackLines = await tx.copyFrom(
          rawCopySql(
            RAW_TABLE,
            header.length,
            raw,
            meters.map((meter) => meter.id),
          ),
          split.chunks,
        );
      } catch (error) {
        throw reconDatabaseError(error, place);
      }
      input.onStep?.("copy");
      const hash = await file.finish();
      const { rows: duplicates } = await tx.query<{ id: string }>(
        `SELECT "id" FROM "ReconciliationImport" WHERE "partnerId" = $1 AND "period" = $2 AND "fileHash" = $3 AND "state" <> 'STAGING' ORDER BY "importedAt" DESC LIMIT 1`,
        [input.partnerId, input.period, hash],
      );
      if (duplicates[0]) throw new Duplicate(duplicates[0].id);
      // The import's own table, without index: the INSERT (into a table new in this transaction)
      // writes no index entries; the key is built once at the end, and attaching it makes it the
      // import's partition ("ReconciliationBilledLine" is partitioned by import, see its migration).
      const table = billedLinesPartition(importId);
      await tx.query(`CREATE TABLE ${table} (LIKE "ReconciliationBilledLine" INCLUDING DEFAULTS, CHECK ("importId" = ${sqlLiteral(importId)}))`);
      await tx.query(`ALTER TABLE ${table} ALTER COLUMN "importId" SET DEFAULT ${sqlLiteral(importId)}`);
      let currency: string | null;
      try {
        // The fast form first; only if PostgreSQL refuses a value, again with every value checked, to say which.
        await tx.query(`SET LOCAL datestyle = 'ISO, MDY'`);
        // The statement's cost crosses jit_optimize_above_cost from a few hundred thousand lines: LLVM
        // then spent longer optimising its expressions than running them (measured).
        await tx.query(`SET LOCAL jit = off`);
        await tx.query(`SAVEPOINT billed_lines`);
        try {
          await tx.query(billedLinesInsertSql(table, RAW_TABLE, raw, columns, split.lineOf(1) - 1, false));
        } catch (error) {
          if (!isDataError(error)) throw error;
          await tx.query(`ROLLBACK TO SAVEPOINT billed_lines`);
          await tx.query(REFUSE_FUNCTION_SQL);
          await tx.query(billedLinesInsertSql(table, RAW_TABLE, raw, columns, split.lineOf(1) - 1, true));
        }
        currency = (await tx.query<{ currency: string | null }>(currencySql(RAW_TABLE, raw))).rows[0]?.currency ?? null;
      } catch (error) {
        throw reconDatabaseError(error, place);
      }
      input.onStep?.("checks");
      await tx.query(`ALTER TABLE ${table} ADD PRIMARY KEY ("importId", "lineNumber")`);
      await tx.query(`ALTER TABLE "ReconciliationBilledLine" ATTACH PARTITION ${table} FOR VALUES IN (${sqlLiteral(importId)})`);
      // The matching's estimates: without statistics the planner takes a new million-line table for a few hundred rows.
      await tx.query(`ANALYZE ${table}`);
      input.onStep?.("key");
      const linesRead = split.records();
      const summary = { format: columns.format, linesRead, azureStackLines, setAsideLines: linesRead - azureStackLines, currency };
      await tx.query(
        `UPDATE "ReconciliationImport" SET "fileHash" = $2, "linesRead" = $3, "azureStackLines" = $4, "setAsideLines" = $5, "currency" = $6 WHERE "id" = $1`,
        [importId, hash, summary.linesRead, summary.azureStackLines, summary.setAsideLines, summary.currency],
      );
      return { hash, summary };
    });
    return { importId, fileHash: staged.hash, duplicateOf: null, compression: file.compression, bytes: file.bytesRead(), summary: staged.summary };
  } catch (error) {
    file.csv.destroy();
    if (!(error instanceof Duplicate)) throw error instanceof CsvLayoutError ? fileError(`Line ${error.line}: ${error.message}`) : error;
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
    return { importId: error.importId, fileHash, duplicateOf: error.importId, compression: file.compression, bytes: file.bytesRead(), summary };
  }
}
