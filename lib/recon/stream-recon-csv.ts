// The recon file as a web ReadableStream, in one of two ways that produce the same bytes:
// - PostgreSQL: `COPY (SELECT <each finished CSV line, formatted in SQL>) TO STDOUT` on a dedicated
//   pool client (recon-csv-sql.ts, RawSql.copyTo): the database writes the lines and Node forwards
//   socket chunks (after the header; un-escaping COPY's text format only in chunks holding a
//   backslash), paused while the HTTP client is behind.
// - PGlite (no COPY TO STDOUT streaming): rated lines read keyset-paged (recon-source.ts), mapped in
//   JS (recon-line.ts / legacy-recon-line.ts) and written through csv-stringify one page at a time.
// Both are pull-based, so a slow client stops the database reads instead of buffering the month.
// No "server-only": the bench script streams through it too.
import { stringify } from "csv-stringify/sync";
import type { RawSql } from "../database/open-database";
import { LEGACY_RECON_COLUMNS, legacyReconRecord, toLegacyReconLine } from "./legacy-recon-line";
import { RECON_COLUMNS, reconRecord, toReconLine, type ReconSourceRow } from "./recon-line";
import { reconCopySql, type ReconFormat } from "./recon-csv-sql";
import { periodRange, RECON_PAGE_SIZE, reconRows, type ResolvedReconQuery } from "./recon-source";
import { fileNameSlug } from "../files/download-file-name";

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

/**
 * Undoes COPY's text-format escaping of a one-column output (\\ \n \r \t \b \f \v → the byte).
 * `pending` is a backslash left at the end of the previous chunk. Chunks without a backslash (the
 * usual case: recon lines rarely hold one) are passed through as they are.
 */
export function unescapeCopyText(chunk: Uint8Array, pending: boolean): { bytes: Uint8Array; pending: boolean } {
  const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (!pending && buffer.indexOf(BACKSLASH) < 0) return { bytes: chunk, pending: false };
  const out = Buffer.allocUnsafe(buffer.length + 1);
  let length = 0;
  let from = 0;
  if (pending) {
    if (buffer.length === 0) return { bytes: out.subarray(0, 0), pending: true };
    out[length++] = COPY_ESCAPES[buffer[0]] ?? buffer[0];
    from = 1;
  }
  for (;;) {
    const at = buffer.indexOf(BACKSLASH, from);
    if (at < 0) {
      length += buffer.copy(out, length, from);
      return { bytes: out.subarray(0, length), pending: false };
    }
    length += buffer.copy(out, length, from, at);
    if (at + 1 === buffer.length) return { bytes: out.subarray(0, length), pending: true };
    out[length++] = COPY_ESCAPES[buffer[at + 1]] ?? buffer[at + 1];
    from = at + 2;
  }
}
const BACKSLASH = 0x5c;
/** COPY TO's text-format escapes (byte after the backslash → the byte it stands for). */
const COPY_ESCAPES: Record<number, number> = { 0x5c: 0x5c, 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c, 0x76: 0x0b };

/** The header line, then COPY's lines un-escaped; pull-based like the COPY stream it reads. */
function copyCsvStream(lines: ReadableStream<Uint8Array>, format: ReconFormat): ReadableStream<Uint8Array> {
  const reader = lines.getReader();
  let header: Uint8Array | null = new TextEncoder().encode(stringify([[...FORMATS[format].header]]));
  let pending = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          // The header goes out with COPY's first chunk (or its end), so the query has started and
          // failed or not before the response does.
          const next = await reader.read();
          if (header) {
            controller.enqueue(header);
            header = null;
          }
          if (next.done) {
            controller.close();
            return;
          }
          const result = unescapeCopyText(next.value, pending);
          pending = result.pending;
          if (result.bytes.byteLength > 0) {
            controller.enqueue(result.bytes);
            return;
          }
        }
      },
      async cancel(reason) {
        await reader.cancel(reason);
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
  if (sql.copyTo) return copyCsvStream(sql.copyTo(reconCopySql(query, format)), format);
  return reconCsvJsStream(sql, query, pageSize, format);
}

/**
 * Names a recon file after what it holds, so downloads of different scopes never collide:
 * recon[_legacy]_<partner>[_reseller-<name>][_customer-<name>][_registration-<stamp>]_<period or from_to_to>.csv
 */
export function reconFileName(
  partnerName: string,
  query: Pick<ResolvedReconQuery, "period" | "from" | "to" | "names">,
  format: ReconFormat = "modern",
): string {
  const parts = [format === "legacy" ? "recon_legacy" : "recon", fileNameSlug(partnerName, "partner", 60)];
  if (query.names.reseller) parts.push(`reseller-${fileNameSlug(query.names.reseller, "reseller", 40)}`);
  if (query.names.customer) parts.push(`customer-${fileNameSlug(query.names.customer, "customer", 40)}`);
  if (query.names.registration) parts.push(`registration-${fileNameSlug(query.names.registration, "registration", 40)}`);
  const range = periodRange(query.period);
  parts.push(query.from === range.from && query.to === range.to ? query.period : `${query.from}_to_${query.to}`);
  return `${parts.join("_")}.csv`;
}
