// The recon file as a web ReadableStream: rated lines read keyset-paged (recon-source.ts), mapped
// (recon-line.ts) and written through csv-stringify one page at a time. The stream is pull-based,
// so a slow client stops the database reads instead of buffering the month in memory.
// No "server-only": the bench script streams through it too.
import { stringify } from "csv-stringify/sync";
import type { RawSql } from "../database/open-database";
import { RECON_COLUMNS, reconRecord, toReconLine } from "./recon-line";
import { RECON_PAGE_SIZE, reconRows, type ResolvedReconQuery } from "./recon-source";

/** CSV text chunks: the header, then one chunk per page of lines. */
export async function* reconCsvChunks(sql: Pick<RawSql, "query">, query: ResolvedReconQuery, pageSize = RECON_PAGE_SIZE): AsyncGenerator<string> {
  yield stringify([[...RECON_COLUMNS]]);
  let batch: string[][] = [];
  for await (const row of reconRows(sql, query, pageSize)) {
    batch.push(reconRecord(toReconLine(row)));
    if (batch.length >= pageSize) {
      yield stringify(batch);
      batch = [];
    }
  }
  if (batch.length > 0) yield stringify(batch);
}

export function reconCsvStream(sql: Pick<RawSql, "query">, query: ResolvedReconQuery, pageSize = RECON_PAGE_SIZE): ReadableStream<Uint8Array> {
  const chunks = reconCsvChunks(sql, query, pageSize);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

/** recon_<partner-slug>_<period>.csv */
export function reconFileName(partnerName: string, period: string): string {
  const slug = partnerName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "partner";
  return `recon_${slug}_${period}.csv`;
}
