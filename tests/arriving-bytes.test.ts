// A request body decompressed while the ingest reads it: the bytes must be exactly the inflated
// body however its buffer grows, and a bad or oversized body must fail when read, not be cut short.
import { deflateSync, gzipSync } from "node:zlib";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { inflatingBytes, UsageBodyEncodingError, UsageBodyTooLargeError, type ArrivingBytes } from "../lib/usage/ingest/wire/arriving-bytes";

async function whole(source: ArrivingBytes): Promise<Buffer> {
  const seen: number[] = [];
  while (!source.complete) {
    await source.more();
    seen.push(source.available);
  }
  // Bytes only ever arrive: `available` never goes back.
  expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  return Buffer.from(source.bytes.subarray(0, source.available));
}

// ~12 MB: more than one 4 MB inflate chunk; half random (incompressible), half repetitive.
const body = Buffer.concat(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? randomBytes(1 << 20) : Buffer.alloc(1 << 20, `{"value":[${i}]}`))));

describe("inflatingBytes", () => {
  it("yields exactly the gzip or deflate body, however the buffer grows", async () => {
    const gzip = gzipSync(body);
    expect((await whole(inflatingBytes(gzip, "gzip", 64 << 20))).equals(body)).toBe(true);
    // A trailer that understates the size (forged, or a multi-member body) only sizes the first buffer.
    const forged = Buffer.from(gzip);
    forged.writeUInt32LE(10, forged.length - 4);
    await expect(whole(inflatingBytes(forged, "gzip", 64 << 20))).rejects.toBeInstanceOf(UsageBodyEncodingError); // zlib checks ISIZE
    const twoMembers = Buffer.concat([gzipSync(body.subarray(0, 5_000_000)), gzipSync(body.subarray(5_000_000))]);
    expect((await whole(inflatingBytes(twoMembers, "gzip", 64 << 20))).equals(body)).toBe(true);
    // deflate has no size trailer: the buffer starts small and doubles.
    expect((await whole(inflatingBytes(deflateSync(body), "deflate", 64 << 20))).equals(body)).toBe(true);
    expect((await whole(inflatingBytes(gzipSync(Buffer.alloc(0)), "gzip", 64 << 20))).length).toBe(0);
  });

  it("fails when read past the size limit (a gzip bomb) or on data that doesn't inflate", async () => {
    await expect(whole(inflatingBytes(gzipSync(Buffer.alloc(20 << 20)), "gzip", 8 << 20))).rejects.toBeInstanceOf(UsageBodyTooLargeError);
    await expect(whole(inflatingBytes(Buffer.from("not gzip at all"), "gzip", 8 << 20))).rejects.toBeInstanceOf(UsageBodyEncodingError);
    const gzip = gzipSync(body);
    await expect(whole(inflatingBytes(gzip.subarray(0, gzip.length >> 1), "gzip", 64 << 20))).rejects.toBeInstanceOf(UsageBodyEncodingError);
  });
});
