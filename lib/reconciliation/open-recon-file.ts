// The uploaded bytes → the CSV's bytes: plain, gzip (zlib) or zip (unzipper, the first .csv entry),
// told apart by their first bytes, all streamed (flat memory), with the SHA-256 of the bytes as
// uploaded for idempotent re-imports. Not "server-only": the bench drives it.
import { createHash } from "node:crypto";
import { PassThrough, Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import unzipper from "unzipper";
import { COMMON_ERROR_CODES, DomainError } from "../errors";

export interface OpenedReconFile {
  /** The CSV's bytes, decompressed. */
  csv: Readable;
  /** Once `csv` has ended: reads what is left of the upload (a zip's directory) and returns its SHA-256 (hex). */
  finish(): Promise<string>;
  /** Bytes uploaded so far. */
  bytesRead(): number;
  compression: "none" | "gzip" | "zip";
}

const GZIP = [0x1f, 0x8b];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (chunk: Uint8Array, magic: number[]) => magic.every((byte, i) => chunk[i] === byte);

export async function openReconFile(source: AsyncIterable<Uint8Array | string>): Promise<OpenedReconFile> {
  const hash = createHash("sha256");
  let bytes = 0;
  let digest: string | null = null;
  const iterator = source[Symbol.asyncIterator]();
  let first: Uint8Array | null = null;
  // The first non-empty chunk tells the compression.
  while (first === null) {
    const next = await iterator.next();
    if (next.done) throw new DomainError(COMMON_ERROR_CODES.ValidationFailed, "The file is empty.", { fields: { file: "The file is empty." } });
    const chunk = typeof next.value === "string" ? Buffer.from(next.value) : next.value;
    if (chunk.length > 0) first = chunk;
  }
  const head = first;
  async function* hashed(): AsyncGenerator<Uint8Array> {
    let chunk: Uint8Array | null = head;
    while (chunk) {
      hash.update(chunk);
      bytes += chunk.length;
      yield chunk;
      const next = await iterator.next();
      chunk = next.done ? null : typeof next.value === "string" ? Buffer.from(next.value) : next.value;
    }
    digest = hash.digest("hex");
  }
  const raw = Readable.from(hashed(), { objectMode: false });
  const compression = startsWith(head, GZIP) ? "gzip" : startsWith(head, ZIP) ? "zip" : "none";
  let csv: Readable = raw;
  if (compression !== "none") {
    const decoder = compression === "gzip" ? createGunzip() : unzipper.ParseOne(/\.csv$/i);
    // unzipper's stream is not async iterable: its output goes through a Node PassThrough.
    const out = new PassThrough();
    raw.on("error", (error) => decoder.destroy(error));
    decoder.on("error", (error: Error) => {
      raw.destroy();
      out.destroy(error);
    });
    csv = raw.pipe(decoder).pipe(out);
  }
  return {
    csv,
    compression,
    bytesRead: () => bytes,
    async finish() {
      if (digest !== null) return digest;
      raw.destroy();
      // Every chunk taken from the source was hashed as it was taken: hash the rest the same way.
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        const chunk = typeof next.value === "string" ? Buffer.from(next.value) : next.value;
        hash.update(chunk);
        bytes += chunk.length;
      }
      digest = hash.digest("hex");
      return digest;
    },
  };
}
