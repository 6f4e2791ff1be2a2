// EncodedBatch: the bytes handed to COPY are exactly the accepted records' lines, each with its
// prefix, in order; the slow path's kept() leaves out exactly the superseded records, wherever
// they fall in the slices.
import { describe, expect, it } from "vitest";
import { copyPiece, type CopyLineWriter } from "../lib/usage/ingest/wire/copy-line-writer";
import { EncodedBatch } from "../lib/usage/ingest/wire/encoded-batch";
import type { UsageRowEncoder } from "../lib/usage/ingest/wire/create-usage-row-encoder";
import { gzipSync } from "node:zlib";
import { inflatingBytes } from "../lib/usage/ingest/wire/arriving-bytes";
import { arrayRecordList, openArrivingUsageBody } from "../lib/usage/ingest/wire/usage-record-list";

const rejected = (index: number) => index % 7 === 3;
const lineOf = (index: number) => `record ${index}\té ${"x".repeat(index % 60)}\n`;

/** Writes "record i …" for every record but the rejected ones (a long piece and a short one). */
const fakeEncoder = (): UsageRowEncoder => ({
  encodeInto(record: unknown, index: number, out: CopyLineWriter) {
    if (rejected(index)) return false;
    out.piece(copyPiece(lineOf(index).slice(0, 10)));
    out.ascii(lineOf(index).slice(10).replace("é", "e"));
    return true;
  },
  encoded: 0,
  superseded: [],
  rejections: () => [],
});
const expectedLine = (index: number) => lineOf(index).slice(0, 10) + lineOf(index).slice(10).replace("é", "e");

const records = Array.from({ length: 23 }, (_, i) => ({ i }));
const list = arrayRecordList(records);

async function streamed(prefix: string): Promise<string> {
  const batch = new EncodedBatch(list, fakeEncoder(), false, 4);
  const chunks: Buffer[] = [];
  for await (const chunk of batch.chunks(prefix)) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

describe("EncodedBatch", () => {
  it("streams every accepted line with its prefix, slice after slice", async () => {
    const accepted = records.map((_, i) => i).filter((i) => !rejected(i));
    expect(await streamed("reg\tbatch\t")).toBe(accepted.map((i) => `reg\tbatch\t${expectedLine(i)}`).join(""));
    // The writer grows past its first buffer when a slice needs more.
    const big = new EncodedBatch(list, fakeEncoder(), false, 23);
    let total = "";
    for await (const chunk of big.chunks("p".repeat(5_000))) total += chunk.toString("utf8");
    expect(total).toBe(accepted.map((i) => `${"p".repeat(5_000)}${expectedLine(i)}`).join(""));
  });

  it("keeps all lines but the superseded ones, whether first, last or whole slices", async () => {
    for (const superseded of [[], [0], [22], [4, 5, 6, 7], [1, 2], [7, 8, 11, 12, 13, 14, 15, 16, 21], records.map((_, i) => i)]) {
      const batch = new EncodedBatch(list, fakeEncoder(), true, 4);
      await batch.finish();
      const kept = Buffer.concat([...batch.kept(superseded)]).toString("utf8");
      const expected = records
        .map((_, i) => i)
        .filter((i) => !rejected(i) && !superseded.includes(i))
        .map(expectedLine)
        .join("");
      expect(kept, JSON.stringify(superseded)).toBe(expected);
    }
  });

  it("waits for a body still being inflated: the same lines as from the whole body", async () => {
    // 30,000 records: more than the first inflate write and one 4 MB chunk, so slices wait for bytes.
    const many = Array.from({ length: 30_000 }, (_, i) => ({ i, padding: "p".repeat(100 + (i % 50)) }));
    const body = gzipSync(Buffer.from(JSON.stringify({ value: many })));
    const lines = new EncodedBatch(arrayRecordList(many), fakeEncoder(), false, 5_000);
    const expected: Buffer[] = [];
    for await (const chunk of lines.chunks("p\t")) expected.push(chunk);
    const arriving = (await openArrivingUsageBody(inflatingBytes(body, "gzip", 64 << 20), 50_000))!;
    const streamedLines = new EncodedBatch(arriving, fakeEncoder(), false, 5_000);
    const got: Buffer[] = [];
    for await (const chunk of streamedLines.chunks("p\t")) got.push(chunk);
    expect(Buffer.concat(got).equals(Buffer.concat(expected))).toBe(true);
    expect(arriving.length).toBe(30_000);
  });
});
