// Streams a CSV into a new, unpublished (IMPORTING) version: the part of an import that touches
// many rows. No scope checks here (importPriceList adds them and publishes with an audit event);
// not "server-only", so the benchmark runs exactly this code.
import os from "node:os";
import type { Database } from "../database/open-database";
import { abandonDeadPriceImports } from "./abandon-dead-price-imports";
import { copyPriceItems, priceItemsPartition, priceWordsPartition } from "./copy-price-items";
import type { EncodedPriceCsv } from "./encode-price-csv";
import { startPriceCsvEncoder } from "./start-price-csv-encoder";
import { findDuplicatePrices } from "./find-duplicate-prices";
import { PriceListImportError } from "./price-list-import-error";
import { dayToDate } from "./price-dates";
import { startPriceImportHeartbeat } from "./price-import-heartbeat";
import { unsafeLoadAzureStackMeters } from "./unsafe-load-azure-stack-meters";
import type { PriceListFormat } from "./price-list-columns";

export interface StagePriceListInput {
  /** The CSV bytes, streamed (a request body, a file stream…). */
  source: AsyncIterable<Uint8Array | string>;
  fileName: string;
  /** YYYY-MM-DD: the version is the price list of its markets from this day on. */
  effectiveFrom: string;
  /** Market and currency of every row of a file without those columns (the Global CSP price list is one market's). */
  market?: string;
  currency?: string;
  importedBy: { userId: string; email: string } | null;
  onProgress?: (progress: { phase: "reading" | "checking" | "publishing"; rowsRead: number; bytesRead: number }) => void;
  /** Adds the milliseconds of each phase (the benchmark's breakdown). */
  timings?: StageTimings;
  /** false: read and validate the CSV in the calling thread, not in a worker (see ./start-price-csv-encoder). */
  worker?: boolean;
}

/** With a worker, parse, validate and encode are the worker's: they overlap copy and worker. */
export interface StageTimings {
  /** CSV parsing, reading the source included. */
  parse: number;
  /** Row validation. */
  validate: number;
  /** Encoding rows as COPY text. */
  encode: number;
  /** Waiting on the database's COPY (with PostgreSQL it also runs while the next batch is parsed). */
  copy: number;
  /** With a worker: the main thread waiting for the worker's next chunk of COPY text. */
  worker: number;
  /** Indexing the copied rows and attaching them as the version's partition. */
  index: number;
  /** Copying the version's search vocabulary, indexing and attaching it. */
  words: number;
  /** The duplicate check over the staged rows. */
  duplicates: number;
}

export function emptyStageTimings(): StageTimings {
  return { parse: 0, validate: 0, encode: 0, copy: 0, worker: 0, index: 0, words: 0, duplicates: 0 };
}

export interface StagedPriceList {
  versionId: string;
  rowCount: number;
  markets: { market: string; currency: string }[];
  /** The file's format, told by its header. */
  format: PriceListFormat;
  /** Rows whose region ("Azure Stack") was derived from their meter: the file gave none. */
  derivedRegionRows: number;
  /** Where the CSV was read and validated. */
  encoder: "worker" | "thread";
  /** Ends the version's heartbeat: call it once the version is published or discarded. */
  release(): void;
}

/**
 * Returns the staged version (its heartbeat running until release()), or throws
 * PriceListImportError (line, column, reason) after deleting everything it staged: a refused file
 * leaves the database as it was. Imports that died earlier are cleaned up first.
 */
export async function stagePriceList(database: Pick<Database, "prisma" | "sql">, input: StagePriceListInput): Promise<StagedPriceList> {
  const { prisma, sql } = database;
  const timings = input.timings;
  // 14 rows of reference data, read before the worker starts: its start message carries them.
  const azureStackMeters = await unsafeLoadAzureStackMeters(prisma);
  // Started first: the worker loads while the version row is created.
  const starting = startPriceCsvEncoder(input.source, {
    defaultStart: input.effectiveFrom,
    azureStackMeters,
    market: input.market,
    currency: input.currency,
    onProgress: (progress) => input.onProgress?.({ phase: "reading", ...progress }),
    timings,
    worker: input.worker,
  });
  let version: { id: string };
  try {
    await abandonDeadPriceImports(database);
    version = await prisma.priceListVersion.create({
      data: {
        effectiveFrom: dayToDate(input.effectiveFrom),
        sourceFileName: input.fileName.slice(0, 255),
        importedByUserId: input.importedBy?.userId,
        importedByEmail: input.importedBy?.email,
        heartbeatAt: new Date(),
        importHost: os.hostname(),
        importPid: process.pid,
      },
      select: { id: true },
    });
  } catch (error) {
    await (await starting).close();
    throw error;
  }
  const release = startPriceImportHeartbeat(prisma, version.id);
  const encoder = await starting;
  let summary: EncodedPriceCsv | undefined;
  // The valid rows' COPY text, batch by batch, as COPY's input; the COPY's pace is the reading's
  // (back-pressure). A refused file throws here, after reading it to the end: the COPY is aborted
  // and copies nothing.
  async function* copyText() {
    for (;;) {
      const waiting = performance.now();
      const next = await encoder.chunks.next();
      if (timings && encoder.mode === "worker") timings.worker += performance.now() - waiting;
      if (next.done) {
        summary = next.value;
        break;
      }
      const handedOver = performance.now();
      yield next.value;
      if (timings) timings.copy += performance.now() - handedOver;
    }
    const details = { problems: summary.problems, problemCount: summary.problemCount, badRows: summary.badRows, rowsRead: summary.rowsRead };
    if (summary.problemCount > 0) {
      const what = summary.fatal ? "could not be read" : `has ${summary.badRows} invalid row${summary.badRows === 1 ? "" : "s"}`;
      throw new PriceListImportError(`The price list ${what}. Nothing was imported.`, details);
    }
    if (summary.validRows === 0) {
      throw new PriceListImportError("The price list has a header but no rows. Nothing was imported.", details);
    }
  }
  try {
    // The vocabulary is asked for once the COPY text has ended, when the summary has it.
    const words = () => summary?.words ?? [];
    const copied = await copyPriceItems(sql, version.id, copyText(), words, timings);
    if (!summary || copied !== summary.validRows) throw new Error(`Copied ${copied} price rows of ${summary?.validRows ?? "?"}`);
    input.onProgress?.({ phase: "checking", rowsRead: summary.rowsRead, bytesRead: 0 });
    const checking = performance.now();
    const duplicates = await findDuplicatePrices(sql, version.id);
    if (timings) timings.duplicates += performance.now() - checking;
    if (duplicates.problemCount > 0) {
      throw new PriceListImportError(`The price list prices the same meter twice (${duplicates.problemCount} rows). Nothing was imported.`, {
        rowsRead: summary.rowsRead,
        problems: duplicates.problems,
        problemCount: duplicates.problemCount,
        badRows: duplicates.problemCount,
      });
    }
    const markets = [...summary.markets].map(([market, currency]) => ({ market, currency })).sort((a, b) => a.market.localeCompare(b.market));
    return {
      versionId: version.id,
      rowCount: summary.validRows,
      markets,
      format: summary.format ?? "azure-plan",
      derivedRegionRows: summary.derivedRegionRows,
      encoder: encoder.mode,
      release,
    };
  } catch (error) {
    await encoder.close().catch(() => {});
    await discardStagedVersion(database, version.id).finally(release);
    throw error;
  }
}

/** Deletes a staged version: its partitions (when the COPY got that far) are dropped, not emptied row by row. */
export async function discardStagedVersion(database: Pick<Database, "prisma" | "sql">, versionId: string): Promise<void> {
  const staged = await database.prisma.priceListVersion.count({ where: { id: versionId, status: "IMPORTING" } });
  if (staged === 0) return;
  await database.sql.query(`DROP TABLE IF EXISTS ${priceItemsPartition(versionId)}, ${priceWordsPartition(versionId)}`);
  await database.prisma.priceListVersion.deleteMany({ where: { id: versionId, status: "IMPORTING" } });
}
