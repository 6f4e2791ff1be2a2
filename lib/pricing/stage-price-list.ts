// Streams a CSV into a new, unpublished (IMPORTING) version: the part of an import that touches
// many rows. No scope checks here (importPriceList adds them and publishes with an audit event);
// not "server-only", so the benchmark runs exactly this code.
import type { Database } from "../database/open-database";
import { insertPriceItems } from "./insert-price-items";
import { readPriceCsv } from "./read-price-csv";
import { findDuplicatePrices } from "./find-duplicate-prices";
import { PriceListImportError } from "./price-list-import-error";
import { dayToDate } from "./price-dates";

export interface StagePriceListInput {
  /** The CSV bytes, streamed (a request body, a file stream…). */
  source: AsyncIterable<Uint8Array | string>;
  fileName: string;
  /** YYYY-MM-DD: the version is the price list of its markets from this day on. */
  effectiveFrom: string;
  importedBy: { userId: string; email: string } | null;
  onProgress?: (progress: { phase: "reading" | "checking" | "publishing"; rowsRead: number; bytesRead: number }) => void;
}

export interface StagedPriceList {
  versionId: string;
  rowCount: number;
  markets: { market: string; currency: string }[];
}

/** An IMPORTING version older than this was abandoned by a crashed import: its rows are garbage. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

/**
 * Returns the staged version, or throws PriceListImportError (line, column, reason) after
 * deleting everything it staged: a refused file leaves the database as it was.
 */
export async function stagePriceList(database: Pick<Database, "prisma" | "sql">, input: StagePriceListInput): Promise<StagedPriceList> {
  const { prisma, sql } = database;
  await prisma.priceListVersion.deleteMany({
    where: { status: "IMPORTING", importedAt: { lt: new Date(Date.now() - ABANDONED_AFTER_MS) } },
  });
  const version = await prisma.priceListVersion.create({
    data: {
      effectiveFrom: dayToDate(input.effectiveFrom),
      sourceFileName: input.fileName.slice(0, 255),
      importedByUserId: input.importedBy?.userId,
      importedByEmail: input.importedBy?.email,
    },
    select: { id: true },
  });
  // One batch is inserted while the next is parsed: with a PostgreSQL server the two run in
  // parallel (with PGlite they share the thread anyway). Memory stays at two batches.
  let inserting: Promise<void> = Promise.resolve();
  try {
    const summary = await readPriceCsv(input.source, {
      defaultStart: input.effectiveFrom,
      onBatch: async (rows) => {
        await inserting;
        inserting = insertPriceItems(sql, version.id, rows);
        inserting.catch(() => {}); // awaited (and thrown) by the next batch or after reading
      },
      onProgress: (progress) => input.onProgress?.({ phase: "reading", ...progress }),
    });
    await inserting;
    const details = { problems: summary.problems, problemCount: summary.problemCount, badRows: summary.badRows, rowsRead: summary.rowsRead };
    if (summary.problemCount > 0) {
      const what = summary.fatal ? "could not be read" : `has ${summary.badRows} invalid row${summary.badRows === 1 ? "" : "s"}`;
      throw new PriceListImportError(`The price list ${what}. Nothing was imported.`, details);
    }
    if (summary.validRows === 0) {
      throw new PriceListImportError("The price list has a header but no rows. Nothing was imported.", details);
    }
    input.onProgress?.({ phase: "checking", rowsRead: summary.rowsRead, bytesRead: 0 });
    const duplicates = await findDuplicatePrices(sql, version.id);
    if (duplicates.problemCount > 0) {
      throw new PriceListImportError(`The price list prices the same meter twice (${duplicates.problemCount} rows). Nothing was imported.`, {
        ...details,
        problems: duplicates.problems,
        problemCount: duplicates.problemCount,
        badRows: duplicates.problemCount,
      });
    }
    const markets = [...summary.markets].map(([market, currency]) => ({ market, currency })).sort((a, b) => a.market.localeCompare(b.market));
    return { versionId: version.id, rowCount: summary.validRows, markets };
  } catch (error) {
    await inserting.catch(() => {}); // no batch may land after the discard
    await discardStagedVersion(database, version.id);
    throw error;
  }
}

/** Deletes a staged version and (cascading) its rows. */
export async function discardStagedVersion(database: Pick<Database, "prisma">, versionId: string): Promise<void> {
  await database.prisma.priceListVersion.deleteMany({ where: { id: versionId, status: "IMPORTING" } });
}
