// A request body's bytes as they are decompressed, readable while the rest still inflates. zlib
// inflates on libuv's thread pool, i.e. on the other core, while the ingest parses and encodes the
// records that have arrived on this one: a gzip batch of 50,000 records takes 40–70 ms to inflate,
// which used to run before anything else, with the database idle. Pure module.
import { createGunzip, createInflate, type Gunzip, type Inflate } from "node:zlib";

/** The decompressed body is larger than a request may be (also what stops a gzip bomb). */
export class UsageBodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super("The decompressed body is too large.");
    this.name = "UsageBodyTooLargeError";
  }
}

/** The body is not valid gzip/deflate data. */
export class UsageBodyEncodingError extends Error {
  constructor() {
    super("The body could not be decompressed.");
    this.name = "UsageBodyEncodingError";
  }
}

/** Bytes that may still be arriving: `bytes[0, available)` is final. */
export interface ArrivingBytes {
  /** The bytes so far. The buffer is replaced when it grows: read it again after more(). */
  readonly bytes: Buffer;
  readonly available: number;
  readonly complete: boolean;
  /** Resolves once more bytes have arrived or the body is complete; rejects with the body's error. */
  more(): Promise<void>;
}

/** All of the bytes, once they have arrived; rejects with the body's error. */
export async function arrivedWhole(source: ArrivingBytes): Promise<Buffer> {
  while (!source.complete) await source.more();
  return source.bytes.subarray(0, source.available);
}

export function completeBytes(bytes: Buffer): ArrivingBytes {
  return { bytes, available: bytes.length, complete: true, more: () => Promise.resolve() };
}

/**
 * Output per thread-pool call. Large enough that the inflate keeps ahead of the reader, which lets
 * it continue only between two slices of records (~3 MB of JSON), small enough that the first
 * records arrive within milliseconds.
 */
const CHUNK_BYTES = 4 << 20;

/** Compressed bytes inflated first: ≥ 500 records (~350 KB of JSON) at any ratio up to ~8:1, and
 * back in a millisecond or two at any ratio (a 4 MB chunk takes ~8 ms). */
const FIRST_WRITE_BYTES = 48 << 10;

/** The body's bytes as `encoding` ("gzip" or "deflate") inflates them, at most `maxBytes`. */
export function inflatingBytes(compressed: Buffer, encoding: "gzip" | "deflate", maxBytes: number): ArrivingBytes {
  // A gzip member ends with its uncompressed size (mod 2^32): one allocation in the usual case. It is
  // the sender's claim, so it only sizes the buffer, never limits or trusts the output.
  const claimed = encoding === "gzip" && compressed.length >= 18 ? compressed.readUInt32LE(compressed.length - 4) : 0;
  const initial = claimed > 0 ? Math.min(claimed, maxBytes) : Math.min(maxBytes, Math.max(1 << 20, compressed.length * 8));
  return new InflatingBytes(compressed, encoding, maxBytes, initial);
}

class InflatingBytes implements ArrivingBytes {
  bytes: Buffer;
  available = 0;
  complete = false;
  private failure: Error | null = null;
  private waiting: { resolve: () => void; reject: (error: Error) => void }[] = [];
  private readonly stream: Gunzip | Inflate;

  constructor(
    compressed: Buffer,
    encoding: "gzip" | "deflate",
    private readonly maxBytes: number,
    initial: number,
  ) {
    this.bytes = Buffer.allocUnsafe(initial);
    this.stream = encoding === "gzip" ? createGunzip({ chunkSize: CHUNK_BYTES }) : createInflate({ chunkSize: CHUNK_BYTES });
    this.stream.on("data", (chunk: Buffer) => this.append(chunk));
    this.stream.on("end", () => {
      this.complete = true;
      this.wake();
    });
    this.stream.on("error", () => this.fail(new UsageBodyEncodingError()));
    // A short first write: its output comes back within a millisecond or two, and the reader starts
    // on it while the rest inflates.
    this.stream.write(compressed.subarray(0, FIRST_WRITE_BYTES));
    this.stream.end(compressed.subarray(FIRST_WRITE_BYTES));
  }

  more(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.complete) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private append(chunk: Buffer): void {
    if (this.failure) return;
    const needed = this.available + chunk.length;
    if (needed > this.maxBytes) {
      this.stream.destroy();
      this.fail(new UsageBodyTooLargeError(this.maxBytes));
      return;
    }
    if (needed > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.min(this.maxBytes, Math.max(needed, this.bytes.length * 2)));
      this.bytes.copy(grown, 0, 0, this.available);
      this.bytes = grown;
    }
    chunk.copy(this.bytes, this.available);
    this.available = needed;
    this.wake();
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    const waiting = this.waiting;
    this.waiting = [];
    for (const waiter of waiting) waiter.reject(error);
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const waiter of waiting) waiter.resolve();
  }
}
