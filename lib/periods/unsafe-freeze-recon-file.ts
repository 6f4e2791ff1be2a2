import "server-only";
// A billing partner's whole recon file for a period (daily-rated columns), read to the end through
// the recon writer the download uses, and gzip-compressed as it arrives: what the close freezes.
// Memory holds the compressed file only; the SHA-256 and size are the uncompressed file's.
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { createGzip } from "node:zlib";
import type { Database } from "../database/open-database";
import type { PartnerScope } from "../auth/partner-scope";
import { resolveReconQuery } from "../recon/recon-source";
import { chooseReconWriter } from "../recon/choose-recon-writer";

export interface FrozenReconFile {
  gzip: Buffer;
  sha256: string;
  bytes: number;
}

/** Unsafe: `scope` is the billing partner's own (unsafeBillingPartnerScope). */
export async function unsafeFreezeReconFile(database: Pick<Database, "sql">, scope: PartnerScope, period: string): Promise<FrozenReconFile> {
  const query = await resolveReconQuery(database.sql, scope, { period });
  const hash = createHash("sha256");
  const gzip = createGzip({ level: 6 });
  const compressed: Buffer[] = [];
  gzip.on("data", (chunk: Buffer) => compressed.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    gzip.on("end", resolve);
    gzip.on("error", reject);
  });
  let bytes = 0;
  for await (const chunk of Readable.fromWeb(chooseReconWriter(database.sql).write(query, "modern") as import("node:stream/web").ReadableStream<Uint8Array>)) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    bytes += buffer.length;
    if (!gzip.write(buffer)) await new Promise((resolve) => gzip.once("drain", resolve));
  }
  gzip.end();
  await finished;
  return { gzip: Buffer.concat(compressed), sha256: hash.digest("hex"), bytes };
}
