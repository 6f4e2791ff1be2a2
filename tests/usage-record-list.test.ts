// The ingest's slice-by-slice body parse must agree with JSON.parse on every body: the same
// records for a valid one, and for an invalid one either no split (the whole body goes to
// JSON.parse, which refuses it) or a slice that throws when read (the ingest stores nothing).
import { describe, expect, it } from "vitest";
import { splitUsageBody, UsageBodySyntaxError, type UsageRecordList } from "../lib/usage/usage-record-list";

const record = (i: number) => ({
  id: `/subscriptions/s/providers/Microsoft.Commerce.Admin/UsageAggregate/${i}`,
  properties: {
    subscriptionId: `sub-${i % 7}`,
    usageStartTime: "2026-11-20T03:00:00Z",
    quantity: i % 3 === 0 ? 1.5 : i,
    instanceData: JSON.stringify({ "Microsoft.Resources": { resourceUri: `/r/${i}`, location: "local", tags: { note: 'a "quoted", [bracketed] {braced} \\ value' } } }),
    meterId: "fab6eb84-500b-4a09-a8ca-7358f8bbaea5",
    nested: [[1, [2, { x: "]" }]], {}, []],
  },
});

function readAll(list: UsageRecordList): unknown[] {
  return Array.from({ length: list.length }, (_, i) => list.at(i));
}

describe("splitUsageBody", () => {
  it("reads the same records as JSON.parse, across slices, whatever the envelope and whitespace", () => {
    const value = Array.from({ length: 4_500 }, (_, i) => record(i));
    for (const text of [
      JSON.stringify({ value }),
      JSON.stringify({ nextLink: "https://stamp/next?x=[1]", value, count: 4500 }),
      JSON.stringify({ value }, null, 2),
      ` \n{ "value" :\t[ ${value.map((r) => JSON.stringify(r)).join(" ,\n ")} ] , "z": {"value": [1]} } \n`,
    ]) {
      const split = splitUsageBody(text, 1_000);
      expect(split).not.toBeNull();
      expect(split!.records.length).toBe(4_500);
      expect(readAll(split!.records)).toEqual((JSON.parse(text) as { value: unknown[] }).value);
      // Random access (the rejection log) re-parses the slice it needs.
      expect(split!.records.at(3_333)).toEqual(value[3_333]);
      expect(split!.records.at(5)).toEqual(value[5]);
      expect(split!.records.at(4_500)).toBeUndefined();
    }
    expect(splitUsageBody('{"value":[]}')!.records.length).toBe(0);
    expect(splitUsageBody('{"value":[ \n ]}')!.records.length).toBe(0);
  });

  it("leaves bodies of any other shape to JSON.parse", () => {
    for (const text of ["[]", '"value"', '{"value":{}}', '{"value":"[1,2]"}', '{"value":[1],"value":[2]}', '{"value":[1],"value":2}', '{"value":5,"value":[1]}', '{"value":[1],"va\\u006cue":2}', '{"va\\u006cue":[1]}', '{"value":[1]', '{"value":[1]}}', '{"value":[1]} x', '{"value":["1]}', '{"value":[{]}', "", "  "]) {
      expect(splitUsageBody(text), text).toBeNull();
    }
  });

  it("refuses a record slice that is not JSON when it is read", () => {
    const body = (records: string) => `{"value":[${records}]}`;
    for (const records of ['{"a":1} {"b":2}', '{"a":1},,{"b":2}', '{"a":1},', ',{"a":1}', '{"a":1},{"b":tru}', '{"a":1},{"b":"\\x"}', '{"a":[1,2}]']) {
      const split = splitUsageBody(body(records));
      if (split === null) continue; // left to JSON.parse, which refuses it
      expect(() => readAll(split.records), records).toThrow(UsageBodySyntaxError);
    }
    // A bad record in a later slice: the earlier slices read fine, the bad one throws.
    const good = Array.from({ length: 30 }, (_, i) => JSON.stringify(record(i)));
    good[25] = '{"broken": }';
    const split = splitUsageBody(body(good.join(",")), 10)!;
    expect(split.records.at(3)).toEqual(record(3));
    expect(() => split.records.at(22)).toThrow(UsageBodySyntaxError);
  });

  it("agrees with JSON.parse on thousands of mutated bodies", () => {
    const base = JSON.stringify({ next: null, value: Array.from({ length: 12 }, (_, i) => record(i)) });
    const alphabet = ['"', "\\", "[", "]", "{", "}", ",", ":", " ", "1", "a", "\n"];
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
        text = kind === 0 ? text.slice(0, at) + text.slice(at + 1) : kind === 1 ? text.slice(0, at) + char + text.slice(at) : text.slice(0, at) + char + text.slice(at + 1);
      }
      let expected: unknown[] | null = null;
      try {
        const parsed = JSON.parse(text) as { value?: unknown };
        if (parsed && typeof parsed === "object" && Array.isArray(parsed.value)) expected = parsed.value;
      } catch {
        expected = null;
      }
      const split = splitUsageBody(text, 5);
      if (split === null) continue;
      if (expected === null) {
        // JSON.parse refuses the body (or it has no value array): so must reading the records.
        let threw = false;
        try {
          readAll(split.records);
        } catch (error) {
          threw = error instanceof UsageBodySyntaxError;
        }
        expect(threw, text).toBe(true);
      } else {
        expect(readAll(split.records), text).toEqual(expected);
      }
    }
  });
});
