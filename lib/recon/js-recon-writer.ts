// The recon file written in JS (PGlite, which has no COPY TO STDOUT streaming, and the reference
// the COPY engine is tested against): rated lines read keyset-paged (recon-source.ts), mapped per
// column set (recon-formats.ts) and written through csv-stringify one page at a time.
// No "server-only": the bench script streams through it too.
import { stringify } from "csv-stringify/sync";
import type { RawSql } from "../database/open-database";
import { RECON_FORMATS, type ReconFormat } from "./recon-formats";
import { RECON_PAGE_SIZE, reconRows, type ResolvedReconQuery } from "./recon-source";
import type { ReconWriter } from "./recon-writer";

/** CSV text chunks of the file: the header, then one chunk per page of lines. */
export async function* reconCsvChunks(
  sql: Pick<RawSql, "query">,
  query: ResolvedReconQuery,
  pageSize = RECON_PAGE_SIZE,
  format: ReconFormat = "modern",
): AsyncGenerator<string> {
  const { header, record } = RECON_FORMATS[format];
  yield stringify([[...header]]);
  let batch: string[][] = [];
  for await (const row of reconRows(sql, query, pageSize)) {
    batch.push(record(row, query.conversions));
    if (batch.length >= pageSize) {
      yield stringify(batch);
      batch = [];
    }
  }
  if (batch.length > 0) yield stringify(batch);
}

export class JsReconWriter implements ReconWriter {
  constructor(
    private readonly sql: Pick<RawSql, "query">,
    private readonly pageSize = RECON_PAGE_SIZE,
  ) {}

  write(query: ResolvedReconQuery, format: ReconFormat = "modern"): ReadableStream<Uint8Array> {
    const chunks = reconCsvChunks(this.sql, query, this.pageSize, format);
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
}
