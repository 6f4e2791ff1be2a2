// readCsvRecords (the recon import's hand-written CSV scan) held against csv-parse: any records,
// written with any legal quoting, line ends and blank lines, fed in any chunk split, read back as
// the same fields starting on the same lines; and each CsvLayoutError with the line it reports.
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvLayoutError, MAX_RECORD_BYTES, fieldText, readCsvRecords } from "../lib/reconciliation/read-csv-records";

interface ReadRecord {
  fields: string[];
  line: number;
}

async function* chunked(bytes: Buffer, sizes: readonly number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const size = sizes.length === 0 ? bytes.length : Math.max(1, sizes[k % sizes.length]);
    // A copy, so a reader that kept a chunk past its batch would be caught by the next one's reuse.
    yield new Uint8Array(bytes.subarray(at, at + size));
    at += size;
  }
}

async function readAll(bytes: Buffer, sizes: readonly number[] = []): Promise<ReadRecord[]> {
  const records: ReadRecord[] = [];
  for await (const batch of readCsvRecords(chunked(bytes, sizes))) {
    for (let r = 0; r < batch.records; r++) {
      const f = batch.first[r];
      records.push({ line: batch.line[r], fields: Array.from({ length: batch.fieldCount[r] }, (_, i) => fieldText(batch, f + i)) });
    }
  }
  return records;
}

/**
 * csv-parse's reading. Its `lines` counts every CR and LF inside a quoted field as a line
 * ("x\r\ny" as two), so the start line is counted here from its record boundaries (`info.bytes`,
 * where a record ends): the line feeds before the record's first byte, blank lines skipped.
 */
function oracle(bytes: Buffer): ReadRecord[] {
  const ends: number[] = [];
  const records = parse(bytes, {
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    record_delimiter: ["\r\n", "\n"],
    on_record: (record: string[], info) => {
      ends.push(info.bytes);
      return record;
    },
  });
  let end = bytes.subarray(0, 3).equals(Buffer.from("\ufeff")) ? 3 : 0;
  return records.map((fields, r) => {
    let start = end;
    while (bytes[start] === 0x0d || bytes[start] === 0x0a) start++;
    end = ends[r];
    return { fields, line: 1 + bytes.subarray(0, start).filter((b) => b === 0x0a).length };
  });
}

async function layoutError(bytes: Buffer, sizes: readonly number[] = []): Promise<CsvLayoutError> {
  try {
    await readAll(bytes, sizes);
  } catch (error) {
    if (error instanceof CsvLayoutError) return error;
    throw error;
  }
  throw new Error("no CsvLayoutError");
}

const character = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("a", "Z", "0", " ", ",", '"', "\r", "\n", "\r\n", "\t", "é", "€", "😀", "\u00a0", "\ufeff") },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }) },
);
const field = fc.array(character, { maxLength: 8 }).map((parts) => parts.join(""));
const needsQuotes = (value: string) => /[",\r\n]/.test(value) || value.startsWith("\ufeff");

interface Layout {
  records: { cells: { value: string; quote: boolean }[]; blankLinesBefore: number; crlf: boolean[] }[];
  finalLineEnd: boolean;
  bom: boolean;
}

const layout: fc.Arbitrary<Layout> = fc.record({
  records: fc.array(
    fc.record({
      cells: fc.array(fc.record({ value: field, quote: fc.boolean() }), { minLength: 1, maxLength: 6 }),
      blankLinesBefore: fc.nat({ max: 2 }),
      crlf: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 12 },
  ),
  finalLineEnd: fc.boolean(),
  bom: fc.boolean(),
});

function writeCsv({ records, finalLineEnd, bom }: Layout): string {
  let text = bom ? "\ufeff" : "";
  records.forEach(({ cells, blankLinesBefore, crlf }, r) => {
    for (let b = 0; b < blankLinesBefore; b++) text += crlf[b + 1] ? "\r\n" : "\n";
    text += cells.map(({ value, quote }) => (quote || needsQuotes(value) ? `"${value.replaceAll('"', '""')}"` : value)).join(",");
    if (r < records.length - 1 || finalLineEnd) text += crlf[0] ? "\r\n" : "\n";
  });
  return text;
}

const chunkSizes = fc.oneof(fc.constant([] as number[]), fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 8 }));

describe("readCsvRecords against csv-parse", () => {
  it("reads any legal CSV, in any chunk split, as csv-parse does: the same fields from the same lines", async () => {
    await fc.assert(
      fc.asyncProperty(layout, chunkSizes, async (shape, sizes) => {
        const bytes = Buffer.from(writeCsv(shape));
        const expected = oracle(bytes);
        expect(await readAll(bytes, sizes)).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it("reads one-byte chunks as it reads the whole", async () => {
    await fc.assert(
      fc.asyncProperty(layout, async (shape) => {
        const bytes = Buffer.from(writeCsv(shape));
        expect(await readAll(bytes, [1])).toEqual(await readAll(bytes));
      }),
      { numRuns: 150 },
    );
  });
});

describe("readCsvRecords examples", () => {
  it("skips blank lines but keeps a quoted empty field, with the lines they start on", async () => {
    const bytes = Buffer.from('a,b\r\n\r\n\n"x\r\ny",z\n""\n,\n');
    expect(await readAll(bytes)).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 4, fields: ["x\r\ny", "z"] },
      { line: 6, fields: [""] },
      { line: 7, fields: ["", ""] },
    ]);
    expect(await readAll(bytes, [1])).toEqual(oracle(bytes));
  });

  // Found by the property: the BOM was read as the start of the first field, so a quoted one was
  // not seen as quoted (its quote then never closed), and a BOM-only first line was a record.
  it("drops a leading BOM, even split across chunks, so a quoted first field is read as quoted", async () => {
    const quotedHeader = Buffer.from('\ufeff"PartnerId","Customer, Inc"\r\nx,y\r\n');
    for (const sizes of [[], [1], [2], [4]]) {
      expect(await readAll(quotedHeader, sizes)).toEqual([
        { line: 1, fields: ["PartnerId", "Customer, Inc"] },
        { line: 2, fields: ["x", "y"] },
      ]);
    }
    expect(await readAll(Buffer.from("\ufeff\nPartnerId\n"), [1])).toEqual([{ line: 2, fields: ["PartnerId"] }]);
    expect(await readAll(Buffer.from("\ufeff"))).toEqual([]);
    expect(await readAll(Buffer.from("\ufeff\ufeffa"))).toEqual([{ line: 1, fields: ["\ufeffa"] }]);
  });

  it("refuses a quote never closed, with the line its record starts on", async () => {
    const error = await layoutError(Buffer.from('a,b\n\nc,"d\ne,f\n'), [3]);
    expect(error.message).toBe("a quoted field is never closed.");
    expect(error.line).toBe(3);
  });

  it("refuses text after a closing quote, with its line", async () => {
    const error = await layoutError(Buffer.from('a,b\r\n"multi\r\nline",x\r\n"c"d,e\r\n'), [2]);
    expect(error.message).toMatch(/^text follows a closing quote \("d"\)/);
    expect(error.line).toBe(4);
    expect((await layoutError(Buffer.from('a\n"b"\rc\n'))).line).toBe(2);
  });

  it("refuses a record over MAX_RECORD_BYTES split across chunks, with the line it starts on", async () => {
    const long = Buffer.concat([Buffer.from('h\nv\n"'), Buffer.alloc(2 * MAX_RECORD_BYTES, "x"), Buffer.from('"\n')]);
    const error = await layoutError(long, [64 * 1024]);
    expect(error.message).toBe("the line is longer than 1 MB.");
    expect(error.line).toBe(3);
  });

  it("refuses bytes that aren't UTF-8, with their record's line, even split inside a character", async () => {
    const bytes = Buffer.concat([Buffer.from("a,b\n€,\n\nc,"), Buffer.from([0xc3, 0x28]), Buffer.from("\nd,e\n")]);
    for (const sizes of [[], [1], [5]]) {
      const error = await layoutError(bytes, sizes);
      expect(error.message).toBe("invalid byte sequence for encoding UTF8: save the file as UTF-8.");
      expect(error.line).toBe(4);
    }
    expect((await layoutError(Buffer.from([0x61, 0x0a, 0xff]))).line).toBe(2);
  });
});
