// Streams an uploaded recon file into a new STAGING import: its Azure Stack lines COPYed into the
// import's own partition of "ReconciliationBilledLine" in one transaction (all or nothing), with the file's counts, format and
// hash. No scope check here (importReconciliationFile adds it, then matches and publishes with an
// audit event); not "server-only", so the bench runs exactly this code.
import { randomUUID } from "node:crypto";
import type { RawSql } from "../database/open-database";
import { COMMON_ERROR_CODES, DomainError } from "../errors";
import { sqlLiteral } from "../database/sql-text";
import { billedLinesPartition } from "./billed-lines-partition";
import { openReconFile } from "./open-recon-file";
import { BILLED_LINE_COPY_COLUMNS, billedLinesCopyText, type BilledLinesSummary } from "./read-billed-lines";

export interface StageReconciliationInput {
  partnerId: string;
  period: string;
  fileName: string;
  source: AsyncIterable<Uint8Array | string>;
  importedById: string | null;
  /** Quantity tolerance in percent, as a decimal string. */
  tolerancePercent: string;
}

export interface StagedReconciliation {
  importId: string;
  fileHash: string;
  compression: "none" | "gzip" | "zip";
  bytes: number;
  summary: BilledLinesSummary & { format: NonNullable<BilledLinesSummary["format"]> };
}

export async function stageReconciliationFile(sql: RawSql, input: StageReconciliationInput): Promise<StagedReconciliation> {
  const { rows: meters } = await sql.query<{ id: string }>(`SELECT "id"::text AS "id" FROM "CommerceMeter"`);
  const azureStackMeters = new Set(meters.map((meter) => meter.id.toLowerCase()));
  const file = await openReconFile(input.source);
  const importId = randomUUID();
  const summary: BilledLinesSummary = { format: null, linesRead: 0, azureStackLines: 0, setAsideLines: 0, currency: null };
  // The first chunk is read before the COPY starts: a file refused on its header or first lines then
  // fails outside the COPY (pg's COPY protocol can't be aborted before the server has answered it).
  const chunks = billedLinesCopyText(file.csv, azureStackMeters, summary);
  const first = await chunks.next();
  async function* copyText(): AsyncGenerator<string> {
    if (first.done) return;
    yield first.value;
    yield* chunks;
  }
  const fileHash = await sql.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO "ReconciliationImport" ("id", "partnerId", "period", "fileName", "fileHash", "format", "state", "quantityTolerancePercent", "importedById")
       VALUES ($1, $2, $3, $4, 'pending', 'DAILY_RATED', 'STAGING', $5::numeric, $6)`,
      [importId, input.partnerId, input.period, input.fileName, input.tolerancePercent, input.importedById],
    );
    // The import's own table, without index: COPY (FREEZE: the table is new in this transaction)
    // writes no index entries; the key is built once at the end, and attaching it makes it the
    // import's partition ("ReconciliationBilledLine" is partitioned by import, see its migration).
    const table = billedLinesPartition(importId);
    await tx.query(`CREATE TABLE ${table} (LIKE "ReconciliationBilledLine" INCLUDING DEFAULTS, CHECK ("importId" = ${sqlLiteral(importId)}))`);
    await tx.query(`ALTER TABLE ${table} ALTER COLUMN "importId" SET DEFAULT ${sqlLiteral(importId)}`);
    await tx.copyFrom(`COPY ${table} ${BILLED_LINE_COPY_COLUMNS} FROM STDIN WITH (FREEZE)`, copyText());
    await tx.query(`ALTER TABLE ${table} ADD PRIMARY KEY ("importId", "lineNumber")`);
    await tx.query(`ALTER TABLE "ReconciliationBilledLine" ATTACH PARTITION ${table} FOR VALUES IN (${sqlLiteral(importId)})`);
    if (!summary.format)
      throw new DomainError(COMMON_ERROR_CODES.ValidationFailed, "The file has no header line.", { fields: { file: "The file has no header line." } });
    const hash = await file.finish();
    await tx.query(
      `UPDATE "ReconciliationImport" SET "fileHash" = $2, "format" = $3::"ReconciliationFormat", "linesRead" = $4, "azureStackLines" = $5, "setAsideLines" = $6, "currency" = $7 WHERE "id" = $1`,
      [importId, hash, summary.format, summary.linesRead, summary.azureStackLines, summary.setAsideLines, summary.currency],
    );
    return hash;
  });
  return {
    importId,
    fileHash,
    compression: file.compression,
    bytes: file.bytesRead(),
    summary: { ...summary, format: summary.format ?? "DAILY_RATED" },
  };
}
