// The ingest reads a body's records lazily from its bytes; it must agree with JSON.parse on every
// body: the same records for a valid one, and for an invalid one either no lazy reader (the whole
// body goes to JSON.parse, which refuses it) or a UsageBodySyntaxError while reading (the ingest
// stores nothing).
import { describe, expect, it } from "vitest";
import type { ArrivingBytes } from "../lib/usage/ingest/wire/arriving-bytes";
import {
  openArrivingUsageBody,
  openUsageBody,
  UsageBodySyntaxError,
  UsageBodyTooManyRecordsError,
  type UsageRecordList,
} from "../lib/usage/ingest/wire/usage-record-list";

const record = (i: number) => ({
  id: `/subscriptions/s/providers/Microsoft.Commerce.Admin/UsageAggregate/${i}`,
  properties: {
    subscriptionId: `sub-${i % 7}`,
    usageStartTime: "2026-11-20T03:00:00Z",
    quantity: i % 3 === 0 ? 1.5 : i,
    instanceData: JSON.stringify({
      "Microsoft.Resources": { resourceUri: `/r/${i}/é✓`, location: "local", tags: { note: 'a "quoted", [bracketed] {braced} \\ value' } },
    }),
    meterId: "fab6eb84-500b-4a09-a8ca-7358f8bbaea5",
    nested: [[1, [2, { x: "]" }]], {}, []],
  },
});

function readAll(list: UsageRecordList): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; list.has(i); i++) out.push(list.at(i));
  expect(list.length).toBe(out.length);
  return out;
}

const open = (text: string, perSlice = 1_000, max = 50_000) => openUsageBody(Buffer.from(text, "utf8"), max, perSlice);

describe("openUsageBody", () => {
  it("reads the same records as JSON.parse, across slices, whatever the envelope and whitespace", () => {
    const value = Array.from({ length: 4_500 }, (_, i) => record(i));
    for (const text of [
      JSON.stringify({ value }),
      JSON.stringify({ nextLink: "https://stamp/next?x=[1]", value, count: 4500 }),
      JSON.stringify({ value }, null, 2),
      ` \n{ "other": {"value": [9]}, "va\\u006cue" :\t[ ${value.map((r) => JSON.stringify(r)).join(" ,\n ")} ] , "z": {"value": [1]} } \n`,
    ]) {
      const records = open(text);
      expect(records).not.toBeNull();
      expect(readAll(records!)).toEqual((JSON.parse(text) as { value: unknown[] }).value);
      // Random access (the rejection log) re-parses the slice it needs; the bytes are intact.
      expect(records!.at(3_333)).toEqual(value[3_333]);
      expect(records!.at(5)).toEqual(value[5]);
      expect(records!.at(4_500)).toBeUndefined();
    }
    expect(open('{"value":[]}')!.length).toBe(0);
    expect(open('{"value":[ \n ]}')!.has(0)).toBe(false);
  });

  it("cuts slices only between records, whatever `},{` the records hold in strings or nested values", () => {
    // Slices are cut at a `},{` found past the first slice's size, proven by JSON.parse: candidates
    // inside strings, in nested arrays of objects, or escaped, must all be passed over.
    const tricky = (i: number) => ({
      ...record(i),
      note: i % 3 === 0 ? '},{"id":"fake"},{' : `x},{y ${i}`,
      nested: [{ a: i }, { b: [{ c: 1 }, { d: "},{" }] }, {}],
      escaped: '\\"},{"',
    });
    for (const perSlice of [1, 2, 3, 7, 50]) {
      const value = Array.from({ length: 400 }, (_, i) => tricky(i));
      const text = JSON.stringify({ value, after: [{ x: 1 }, { y: 2 }] });
      expect(readAll(open(text, perSlice)!), String(perSlice)).toEqual(value);
    }
  });

  it("reads only as far as asked", () => {
    const good = Array.from({ length: 30 }, (_, i) => JSON.stringify(record(i)));
    const records = open(`{"value":[${good.join(",")}, {"broken": }]}`, 10)!;
    // The first slices read fine although the body is broken further on…
    expect(records.at(3)).toEqual(record(3));
    expect(records.at(29)).toEqual(record(29));
    // …and reading on finds it.
    expect(() => records.at(30)).toThrow(UsageBodySyntaxError);
  });

  it('leaves bodies that don\'t open as {…"value":[ to JSON.parse', () => {
    for (const text of ["[]", '"value"', '{"value":{}}', '{"value":"[1,2]"}', '{"x":1}', '{"value":5}', "", "  ", '\uFEFF{"value":[]}']) {
      expect(open(text), text).toBeNull();
    }
  });

  it("refuses, while reading, a body that is not JSON or has a second value", () => {
    const body = (records: string, tail = "") => `{"value":[${records}]${tail}}`;
    for (const text of [
      body('{"a":1} {"b":2}'),
      body('{"a":1},,{"b":2}'),
      body('{"a":1},'),
      body(',{"a":1}'),
      body('{"a":1},{"b":tru}'),
      body('{"a":1},{"b":"\\x"}'),
      body('{"a":[1,2}]'),
      body('{"a":1}', ',"value":[2]'),
      body('{"a":1}', ',"va\\u006cue":2'),
      body('{"a":1}', ', "x": }'),
      `${body("1")} x`,
      '{"value":[1]}}',
      '{"value":["1]}',
      '{"value":[1]',
      '{"value":[1,{"a":2}',
    ]) {
      const records = open(text);
      if (records === null) continue; // left to JSON.parse, which refuses it
      expect(() => readAll(records), text).toThrow(UsageBodySyntaxError);
    }
  });

  it("refuses more records than allowed, counting them", () => {
    const records = open(`{"value":[${Array.from({ length: 12 }, (_, i) => i).join(",")}]}`, 5, 10)!;
    // Found as the scan passes the tenth record (reading ahead of the reader by up to a slice).
    expect(() => readAll(records)).toThrow(UsageBodyTooManyRecordsError);
    expect(() => records.length).toThrow("At most 10 records per request; got 12.");
    expect(open('{"value":[1,2,3,4,5,6,7,8,9,10]}', 5, 10)!.length).toBe(10);
  });

  it("agrees with JSON.parse on thousands of mutated bodies", () => {
    const base = JSON.stringify({ next: null, value: Array.from({ length: 12 }, (_, i) => record(i)) });
    const alphabet = ['"', "\\", "[", "]", "{", "}", ",", ":", " ", "1", "a", "\n", "é"];
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    for (let trial = 0; trial < 3_000; trial++) {
      let text = base;
      for (let edits = 1 + random(3); edits > 0; edits--) {
        const at = random(text.length);
        const kind = random(3);
        const char = alphabet[random(alphabet.length)];
        text =
          kind === 0
            ? text.slice(0, at) + text.slice(at + 1)
            : kind === 1
              ? text.slice(0, at) + char + text.slice(at)
              : text.slice(0, at) + char + text.slice(at + 1);
      }
      let expected: unknown[] | null = null;
      try {
        const parsed = JSON.parse(text) as { value?: unknown };
        if (parsed && typeof parsed === "object" && Array.isArray(parsed.value)) expected = parsed.value;
      } catch {
        expected = null;
      }
      const records = open(text, 5);
      if (records === null) continue;
      let read: unknown[] | null = null;
      try {
        read = readAll(records);
      } catch (error) {
        expect(error, text).toBeInstanceOf(UsageBodySyntaxError);
      }
      // Read whole: exactly JSON.parse's records. Refused: JSON.parse refuses it too, or it has "value" twice.
      if (read !== null) expect(read, text).toEqual(expected);
      else if (expected !== null) expect((text.match(/"value"/g) ?? []).length, text).toBeGreaterThan(1);
    }
  });
});

/**
 * A body arriving in pieces of `sizes` bytes (cycled), as a decompressing request body does: each
 * more() adds the next piece. The buffer is replaced as it grows, like the real one.
 */
function arriving(text: string, sizes: readonly number[]): ArrivingBytes {
  const whole = Buffer.from(text, "utf8");
  // Bytes past `available` are `]`s, which must never be read.
  const copy = () => Buffer.concat([whole, Buffer.alloc(7, 0x5d)]);
  let piece = 0;
  const source = {
    bytes: copy(),
    available: 0,
    complete: whole.length === 0,
    more: async () => {
      await Promise.resolve();
      const next = Math.min(whole.length, source.available + sizes[piece++ % sizes.length]);
      source.bytes.fill(0x5d, source.available);
      if (piece % 5 === 0) source.bytes = copy(); // the buffer is replaced now and then, as it grows
      whole.copy(source.bytes, source.available, source.available, next);
      source.bytes.fill(0x5d, next);
      source.available = next;
      source.complete = next === whole.length;
    },
  };
  return source;
}

/** readAll for a body that may still be arriving: each record awaited before it is read. */
async function readArriving(list: UsageRecordList): Promise<unknown[]> {
  const out: unknown[] = [];
  for (let i = 0; ; i++) {
    await list.ready(i);
    if (!list.has(i)) break;
    out.push(list.at(i));
  }
  await list.ready(Number.MAX_SAFE_INTEGER);
  expect(list.length).toBe(out.length);
  return out;
}

describe("openArrivingUsageBody (a body still being decompressed)", () => {
  const sizes = [1, 7, 64, 3, 1_000, 2, 40_000];

  it("reads the same records as JSON.parse whatever the pieces the bytes arrive in", async () => {
    for (const length of [2_500, 30]) {
      const value = Array.from({ length }, (_, i) => record(i));
      for (const text of [
        JSON.stringify({ value }),
        JSON.stringify({ nextLink: "x", value, count: 1 }, null, 2),
        '{"value":[]}',
        ' { "a" : [1, {"value": [2]}], "value" : [ 1 , 2 ] } ',
      ]) {
        for (const pieces of length > 100 ? [sizes, [100_000_000]] : [[1], [2, 3]]) {
          const records = await openArrivingUsageBody(arriving(text, pieces), 50_000, 7);
          expect(records, text.slice(0, 40)).not.toBeNull();
          expect(await readArriving(records!)).toEqual((JSON.parse(text) as { value: unknown[] }).value);
        }
      }
    }
  });

  it("answers only from the bytes that have arrived (has() before ready() is a programming error)", async () => {
    const text = JSON.stringify({ value: Array.from({ length: 50 }, (_, i) => record(i)) });
    const records = (await openArrivingUsageBody(arriving(text, [200]), 50_000, 10))!;
    expect(() => records.has(40)).toThrow("await ready()");
    await records.ready(40);
    expect(records.at(40)).toEqual(record(40));
  });

  it("leaves the same bodies to JSON.parse, and refuses the same ones, as openUsageBody", async () => {
    const body = (records: string, tail = "") => `{"value":[${records}]${tail}}`;
    for (const text of ["[]", '{"value":{}}', '{"x":1}', "", '{"value":"[1]"}']) {
      expect(await openArrivingUsageBody(arriving(text, sizes), 50_000), text).toBeNull();
    }
    for (const text of [body('{"a":1} {"b":2}'), body('{"a":1},'), body('{"a":1}', ',"value":[2]'), `${body("1")} x`, '{"value":[1]', '{"value":["1]}']) {
      const records = await openArrivingUsageBody(arriving(text, [1, 2]), 50_000, 2);
      if (records === null) continue;
      await expect(readArriving(records), text).rejects.toThrow(UsageBodySyntaxError);
    }
  });

  it("refuses more records than allowed once the body has arrived, counting them", async () => {
    const text = `{"value":[${Array.from({ length: 12 }, (_, i) => i).join(",")}]}`;
    const records = (await openArrivingUsageBody(arriving(text, [3]), 10, 5))!;
    await expect(readArriving(records)).rejects.toThrow("At most 10 records per request; got 12.");
  });
});
