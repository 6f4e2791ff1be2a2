import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { CsvSyntaxError, readCsvRecords } from "../lib/pricing/read-csv-records";

/** Records and their first lines, with `text` fed in chunks of `size` characters (as bytes). */
async function read(text: string, size = 3) {
  async function* chunks() {
    const bytes = Buffer.from(text);
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }
  const records: string[][] = [];
  const lines: number[] = [];
  for await (const batch of readCsvRecords(chunks())) {
    records.push(...batch.records);
    lines.push(...batch.lines);
  }
  return { records, lines };
}

describe("readCsvRecords", () => {
  it("reads what csv-parse reads, whatever the chunking (quotes, doubled quotes, CRLF, BOM, empty fields, UTF-8 split across chunks)", async () => {
    const files = ["a,b\n1,2\n", "a,b\r\n1,2", '\uFEFFh1,h2\n"",""\n', "a,b,\n,\n", '"a\r\nb","c"\r\n"d",e\r\n', 'x,"""",y\n"Zürich, ""Süd""",€\n'];
    for (const text of files) {
      const expected = parse(text, { bom: true, relax_column_count: true }) as string[][];
      for (const size of [1, 2, 3, 7, 4096]) expect((await read(text, size)).records).toEqual(expected);
    }
  });

  it("gives each record the line it starts on, counting newlines inside quoted fields", async () => {
    const { records, lines } = await read('a,"b\nc",d\r\n"x""y",,\n\n3,4\n"p\r\nq\rr",s\nt', 2);
    expect(records).toEqual([["a", "b\nc", "d"], ['x"y', "", ""], [""], ["3", "4"], ["p\r\nq\rr", "s"], ["t"]]);
    expect(lines).toEqual([1, 3, 4, 5, 6, 9]);
  });

  it("refuses broken quoting with the line where it is", async () => {
    const failure = async (text: string) => (await read(text).catch((error: unknown) => error)) as CsvSyntaxError;
    expect(await failure('h\na,"b')).toMatchObject({ line: 2, message: expect.stringContaining("not terminated") });
    expect(await failure('h\nh\na,b"c')).toMatchObject({ line: 3, message: expect.stringContaining("unquoted field") });
    expect(await failure('"a"b,c')).toMatchObject({ line: 1, message: expect.stringContaining("closing quote") });
    expect(await failure('x\ny,"z\n\nw"q')).toMatchObject({ line: 4 });
    expect(await failure('x\ny,"z\n\nw"q')).toBeInstanceOf(CsvSyntaxError);
  });
});
