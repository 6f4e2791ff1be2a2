// The import's CSV work in a worker thread (lib/pricing/start-price-csv-encoder.ts) must give exactly what
// the in-thread path gives: the same COPY text, the same summary (bad rows' lines and reasons), the
// same errors. No database here: this is the Node side only.
import { describe, expect, it } from "vitest";
import { stringify } from "csv-stringify/sync";
import { startPriceCsvEncoder } from "../lib/pricing/start-price-csv-encoder";
import { PRICE_LIST_HEADER } from "../lib/pricing/price-list-columns";
import { syntheticPriceListCsv } from "../lib/pricing/synthetic-price-list";
import { MAX_RECORD_CHARS } from "../lib/pricing/read-csv-records";
import { searchWordsOf } from "../lib/pricing/parse-price-row";

async function textOf(source: AsyncIterable<string>): Promise<string> {
  let text = "";
  for await (const chunk of source) text += chunk;
  return text;
}

/** `text` as byte chunks of `size`, views into one buffer (as sockets and file streams give them). */
async function* bytes(text: string, size = 64 * 1024) {
  const buffer = Buffer.from(text);
  for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
}

async function encode(source: AsyncIterable<Uint8Array | string>, worker: boolean) {
  const progress: number[] = [];
  const encoder = await startPriceCsvEncoder(source, { defaultStart: "2026-01-01", worker, onProgress: (p) => progress.push(p.rowsRead) });
  const parts: Buffer[] = [];
  for (;;) {
    const next = await encoder.chunks.next();
    if (next.done) return { mode: encoder.mode, copyText: Buffer.concat(parts).toString(), summary: next.value, progress };
    parts.push(typeof next.value === "string" ? Buffer.from(next.value) : Buffer.from(next.value));
  }
}

/** Both paths on the same file: the worker one must run in a worker and give the same results. */
async function both(text: string) {
  const inWorker = await encode(bytes(text), true);
  const inThread = await encode(bytes(text), false);
  expect(inWorker.mode).toBe("worker");
  expect(inThread.mode).toBe("thread");
  expect(inWorker.summary).toEqual(inThread.summary);
  expect(inWorker.copyText).toBe(inThread.copyText);
  expect(inWorker.progress).toEqual(inThread.progress);
  return inWorker;
}

const row = (index: number, overrides: Partial<Record<string, string>> = {}) => {
  const values: Record<string, string> = {
    ProductTitle: "Virtual Machines",
    ProductId: "DZH318Z0BQ4X",
    SkuId: "0001",
    SkuTitle: "D2s v5",
    Publisher: "Microsoft",
    SkuDescription: "Tab\there, back\\slash",
    UnitOfMeasure: "1 Hour",
    TermDuration: "",
    Market: "US",
    Currency: "USD",
    UnitPrice: "0.046",
    PricingTierRangeMin: "0",
    PricingTierRangeMax: "",
    EffectiveStartDate: "",
    EffectiveEndDate: "",
    MeterIds: `11111111-2222-4333-8444-${index.toString(16).padStart(12, "0")}`,
    MeterType: "Consumption",
    Tags: "",
    MeterRegion: "US East",
    MeterName: "D2s v5\nLinux",
    MeterCategory: "Virtual Machines",
    MeterSubCategory: "",
    ...overrides,
  };
  return PRICE_LIST_HEADER.map((column) => values[column]);
};
const csv = (rows: string[][]) => stringify([PRICE_LIST_HEADER, ...rows]);

describe("price list CSV in a worker", () => {
  it("gives the in-thread path's COPY text, summary and progress (12k rows, escapes, default dates)", async () => {
    const text = await textOf(syntheticPriceListCsv({ rows: 12_000, meterPrefix: "c0de" }));
    const result = await both(`${text}${stringify([row(1)])}`);
    expect(result.summary).toMatchObject({ rowsRead: 12_001, validRows: 12_001, problemCount: 0, fatal: false });
    expect(result.copyText.split("\n").length).toBe(12_002);
    // Tabs, newlines and backslashes inside cells are escaped; the default start date fills in.
    expect(result.copyText).toContain("Tab\\there, back\\\\slash");
    expect(result.copyText).toContain("D2s v5\\nLinux");
    expect(result.copyText).toContain("\t2026-01-01\t");
    expect(result.progress.at(-1)).toBe(12_001);
  });

  it("numbers the file's words once, in first-seen order, each row's last column their ids (the same in the worker)", async () => {
    const rows = [
      row(1, { ProductTitle: "Größe 100%", SkuTitle: "a_b", MeterName: "back\\slash Windows" }),
      row(2, { ProductTitle: "Windows Disks", SkuTitle: "disk", MeterName: "größe" }),
      ...Array.from({ length: 6000 }, (_, i) => row(3 + i, { SkuTitle: `S${i % 700}` })),
    ];
    const result = await both(csv(rows));
    // The vocabulary the rows' words build, in order (searchWordsOf is the definition of a row's words).
    const expected: string[] = [];
    const idsOfRow = rows.map((values) => {
      const cell = (column: string) => values[PRICE_LIST_HEADER.indexOf(column)].trim();
      const words = searchWordsOf(["ProductTitle", "SkuTitle", "MeterName", "ProductId", "SkuId"].map(cell).join(" "));
      return words.map((word) => (expected.includes(word) ? expected.indexOf(word) : expected.push(word) - 1) + 1);
    });
    expect(result.summary.words).toEqual(expected);
    expect(result.summary.words.slice(0, 4)).toEqual(["größe", "100%", "a_b", "back\\slash"]);
    const lines = result.copyText.trimEnd().split("\n");
    expect(lines.map((line) => line.slice(line.lastIndexOf("\t") + 1))).toEqual(idsOfRow.map((ids) => `{${ids.join(",")}}`));
    // Row 2 reuses ids of row 1's words; "disk" is inside "disks", so it is not a word of its own.
    expect(lines[1].endsWith("\t{5,8,1,6,7}")).toBe(true);
  });

  it("reports the same bad rows, lines and reasons (bad cells, NUL, field counts, currencies), copying nothing", async () => {
    const rows = [row(1), row(2, { UnitPrice: "abc" }), row(3, { SkuTitle: "nul\0" }), row(4).slice(1), row(5, { Market: "US", Currency: "EUR" })];
    const result = await both(csv(rows));
    expect(result.copyText).toBe("");
    expect(result.summary.badRows).toBe(4);
    // Each record spans two lines (a quoted newline in MeterName): lines are the records' first.
    expect(result.summary.problems.map(({ line, column }) => ({ line, column }))).toEqual([
      { line: 4, column: "UnitPrice" },
      { line: 6, column: "SkuTitle" },
      { line: 8, column: null },
      { line: 10, column: "Currency" },
    ]);
  });

  it("stops at broken quoting, an overlong record and missing columns the same way", async () => {
    for (const text of [
      `${csv([row(1)])}"unclosed,${"x".repeat(10)}\n`,
      `${csv([row(1)])}"${"y".repeat(MAX_RECORD_CHARS + 10)}`,
      "ProductTitle,UnitPrice\nx,1\n",
      "",
    ]) {
      const result = await both(text);
      expect(result.summary.fatal).toBe(true);
      expect(result.copyText).toBe("");
    }
  });

  it("fails with the source's own error when the upload breaks off", async () => {
    const broken = new Error("upload aborted");
    async function* source() {
      yield* bytes(await textOf(syntheticPriceListCsv({ rows: 8000 })));
      throw broken;
    }
    const encoder = await startPriceCsvEncoder(source(), { defaultStart: "2026-01-01" });
    expect(encoder.mode).toBe("worker");
    const reading = (async () => {
      for (;;) if ((await encoder.chunks.next()).done) return;
    })();
    await expect(reading).rejects.toBe(broken);
  });

  it("can be closed mid-file, and the next file still runs in a worker", async () => {
    const text = await textOf(syntheticPriceListCsv({ rows: 20_000 }));
    const encoder = await startPriceCsvEncoder(bytes(text), { defaultStart: "2026-01-01" });
    expect((await encoder.chunks.next()).done).toBe(false);
    await encoder.close();
    const next = await encode(bytes(csv([row(1), row(2)])), true);
    expect(next).toMatchObject({ mode: "worker", summary: { validRows: 2, problemCount: 0 } });
  });
});
