// The recon file written by PostgreSQL: `COPY (SELECT <each finished CSV line, formatted in SQL>) TO
// STDOUT` on a dedicated pool client (recon-csv-sql.ts, RawSql.copyTo). Node forwards the socket's
// chunks after the header, un-escaping COPY's text format only in chunks holding a backslash, and
// stops reading while the HTTP client is behind. No "server-only": the bench script streams through it.
import { stringify } from "csv-stringify/sync";
import type { RawSql } from "../database/open-database";
import { reconCopySql } from "./recon-csv-sql";
import { RECON_FORMATS, type ReconFormat } from "./recon-formats";
import type { ResolvedReconQuery } from "./recon-source";
import type { ReconWriter } from "./recon-writer";

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

export class CopyReconWriter implements ReconWriter {
  constructor(private readonly sql: Required<Pick<RawSql, "copyTo">>) {}

  /** The header line, then COPY's lines un-escaped; pull-based like the COPY stream it reads. */
  write(query: ResolvedReconQuery, format: ReconFormat = "modern"): ReadableStream<Uint8Array> {
    const reader = this.sql.copyTo(reconCopySql(query, format)).getReader();
    let header: Uint8Array | null = new TextEncoder().encode(stringify([[...RECON_FORMATS[format].header]]));
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
}
