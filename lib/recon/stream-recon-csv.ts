// The recon file as a web ReadableStream, in one of two ways that produce the same bytes:
// - PostgreSQL: `COPY (SELECT <every cell formatted in SQL>) TO STDOUT (FORMAT csv, HEADER)` on a
//   dedicated pool client (recon-csv-sql.ts, RawSql.copyTo): the database writes the CSV and Node
//   forwards socket chunks, paused while the HTTP client is behind.
// - PGlite (no COPY TO STDOUT streaming): rated lines read keyset-paged (recon-source.ts), mapped in
//   JS (recon-line.ts / legacy-recon-line.ts) and written through csv-stringify one page at a time.
// Both are pull-based, so a slow client stops the database reads instead of buffering the month.
// No "server-only": the bench script streams through it too.
import { stringify } from "csv-stringify/sync";
import type { RawSql } from "../database/open-database";
import { LEGACY_RECON_COLUMNS, legacyReconRecord, toLegacyReconLine } from "./legacy-recon-line";
import { RECON_COLUMNS, reconRecord, toReconLine, type ReconSourceRow } from "./recon-line";
import { reconCopySql, type ReconFormat } from "./recon-csv-sql";
import { RECON_PAGE_SIZE, reconRows, type ResolvedReconQuery } from "./recon-source";

const FORMATS: Record<ReconFormat, { header: readonly string[]; record: (row: ReconSourceRow) => string[] }> = {
  modern: { header: RECON_COLUMNS, record: (row) => reconRecord(toReconLine(row)) },
  legacy: { header: LEGACY_RECON_COLUMNS, record: (row) => legacyReconRecord(toLegacyReconLine(row)) },
};

/** CSV text chunks of the JS path: the header, then one chunk per page of lines. */
export async function* reconCsvChunks(
  sql: Pick<RawSql, "query">,
  query: ResolvedReconQuery,
  pageSize = RECON_PAGE_SIZE,
  format: ReconFormat = "modern",
): AsyncGenerator<string> {
  const { header, record } = FORMATS[format];
  yield stringify([[...header]]);
  let batch: string[][] = [];
  for await (const row of reconRows(sql, query, pageSize)) {
    batch.push(record(row));
    if (batch.length >= pageSize) {
      yield stringify(batch);
      batch = [];
    }
  }
  if (batch.length > 0) yield stringify(batch);
}

/** The JS path as bytes (PGlite, and the reference the COPY path is tested against). */
export function reconCsvJsStream(sql: Pick<RawSql, "query">, query: ResolvedReconQuery, pageSize = RECON_PAGE_SIZE, format: ReconFormat = "modern"): ReadableStream<Uint8Array> {
  const chunks = reconCsvChunks(sql, query, pageSize, format);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

/** The recon file: PostgreSQL's COPY when the connection offers it, else the JS path. */
export function reconCsvStream(
  sql: Pick<RawSql, "query" | "copyTo">,
  query: ResolvedReconQuery,
  pageSize = RECON_PAGE_SIZE,
  format: ReconFormat = "modern",
): ReadableStream<Uint8Array> {
  if (sql.copyTo) return sql.copyTo(reconCopySql(query, format));
  return reconCsvJsStream(sql, query, pageSize, format);
}

/** recon_<partner-slug>_<period>.csv (recon_legacy_… for the legacy column set) */
export function reconFileName(partnerName: string, period: string, format: ReconFormat = "modern"): string {
  const slug = partnerName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "partner";
  return `recon_${format === "legacy" ? "legacy_" : ""}${slug}_${period}.csv`;
}
