// splitCsvRecords (the recon import's record splitter) against csv-parse as the oracle: whatever the
// quoting, line ends, blank lines and chunking, the chunks it yields hold exactly the file's data
// records, each chunk ends at a record, and every record's line is the line it starts on.
import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CsvLayoutError, splitCsvRecords } from "../lib/reconciliation/split-csv-records";

async function* chunked(bytes: Buffer, sizes: number[]) {
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length] ?? bytes.length);
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

const field = fc.oneof(
  fc.constantFrom("", "a", "Azure Stack", "0.008", '{"azureStack.MeterId":"x"}', "two\nlines", "crlf\r\ninside", 'say "hi"', "a,b"),
  fc.string({ maxLength: 6 }).filter((s) => !s.includes("\r") && !s.includes("\n")),
);
const quote = (value: string) => (/[",\r\n]/.test(value) || value === "" ? `"${value.replace(/"/g, '""')}"` : value);

describe("splitCsvRecords", () => {
  it("yields the data records csv-parse reads, whole, with the line each starts on", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.array(field, { minLength: 4, maxLength: 4 }), { maxLength: 12 }),
        fc.array(fc.boolean(), { maxLength: 12 }),
        fc.constantFrom("\n", "\r\n"),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 64 }),
        fc.boolean(),
        async (width, rows, blanks, eol, sizes, chunkBytes, bom) => {
          const records = rows.map((row) => row.slice(0, width));
          let text = (bom ? "\ufeff" : "") + ["h1", "h2", "h3", "h4"].slice(0, width).join(",") + eol;
          const lines: number[] = [];
          const copyLines: number[] = [];
          let line = 2;
          let copyLine = 1;
          records.forEach((record, i) => {
            if (blanks[i]) {
              text += eol;
              line++;
            }
            lines.push(line);
            copyLines.push(copyLine);
            const written = record.map(quote).join(",");
            text += written + (i < records.length - 1 || blanks[i + 1] ? eol : "");
            line += (written.match(/\n/g) ?? []).length + 1;
            copyLine += (written.match(/\n/g) ?? []).length + 1;
          });
          const split = await splitCsvRecords(chunked(Buffer.from(text), sizes), chunkBytes);
          expect(split.header).toEqual(["h1", "h2", "h3", "h4"].slice(0, width));
          const parts: Buffer[] = [];
          for await (const chunk of split.chunks) {
            // Each chunk alone is whole records (PGlite COPYs them one by one).
            expect(() => parse(chunk, { relax_column_count: true })).not.toThrow();
            parts.push(chunk);
          }
          const read = parse(Buffer.concat(parts), { relax_column_count: true }) as string[][];
          expect(read).toEqual(records);
          expect(split.records()).toBe(records.length);
          expect(records.map((_, i) => split.lineOf(i + 1))).toEqual(lines);
          // A COPY of all the chunks numbers lines without the header and blank lines.
          expect(copyLines.map((n) => split.lineOfCopyLine(n, false))).toEqual(lines);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("refuses an unterminated quote and an endless line, with their line", async () => {
    const split = await splitCsvRecords(chunked(Buffer.from('a,b\n1,2\n3,"4\n5,6\n'), [3]), 8);
    await expect(
      (async () => {
        for await (const chunk of split.chunks) void chunk;
      })(),
    ).rejects.toMatchObject({ name: "CsvLayoutError", line: 3 });
    const long = Buffer.from(`a,b\n1,${"x".repeat(2 * 1024 * 1024)}\n`);
    const huge = await splitCsvRecords(chunked(long, [64 * 1024]), 1024);
    await expect(
      (async () => {
        for await (const chunk of huge.chunks) void chunk;
      })(),
    ).rejects.toBeInstanceOf(CsvLayoutError);
  });
});
