// The recon import's hand-written value checks held against well-kept oracles: CopyRowWriter's
// byte checks against their string twins, parseReconDay against date-fns, checkNumber against
// decimal.js, the AdditionalInfo readers against JSON.parse, and the COPY text escapes against a
// reference decoder of PostgreSQL's COPY text format.
import { format, isValid, parse } from "date-fns";
import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NUMBER_SCALE, additionalInfoValue, checkNumber, copyTextValue, isAscii, isGuid, parseReconDay } from "../lib/reconciliation/billed-line-values";
import { CopyRowWriter, jsonStringValueAt } from "../lib/reconciliation/copy-row-writer";

const written = (out: CopyRowWriter) => out.out.toString("utf8", 0, out.pos);

/** `value`'s bytes inside a buffer with other bytes around them (the writer must keep to [s, e)). */
function framed(value: string, before: string, after: string): { buf: Buffer; s: number; e: number } {
  const s = Buffer.byteLength(before);
  return { buf: Buffer.from(before + value + after), s, e: s + Buffer.byteLength(value) };
}
const frame = fc.constantFrom("", "0", "-", "a,", "é", "\t");

/** PostgreSQL's COPY text format, one column's value (copy.c CopyReadAttributesText). */
function copyDecode(text: string): string | null {
  if (text === "\\N") return null;
  let value = "";
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "\\") {
      value += text[i];
      continue;
    }
    const c = text[++i];
    if (c >= "0" && c <= "7") {
      let octal = c;
      while (octal.length < 3 && text[i + 1] >= "0" && text[i + 1] <= "7") octal += text[++i];
      value += String.fromCharCode(parseInt(octal, 8));
    } else if (c === "x" && /[0-9a-fA-F]/.test(text[i + 1] ?? "")) {
      let hex = text[++i];
      if (/[0-9a-fA-F]/.test(text[i + 1] ?? "")) hex += text[++i];
      value += String.fromCharCode(parseInt(hex, 16));
    } else value += { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" }[c] ?? c;
  }
  return value;
}

const numberLike = fc
  .record({
    sign: fc.constantFrom("", "", "-", "+"),
    zeros: fc.constantFrom("", "", "0", "000"),
    integer: fc.oneof(fc.stringMatching(/^[0-9]{0,20}$/), fc.constantFrom("9".repeat(14), "9".repeat(18))),
    point: fc.boolean(),
    fraction: fc.stringMatching(/^[0-9]{0,12}$/),
    exponent: fc.option(fc.record({ e: fc.constantFrom("e", "E"), sign: fc.constantFrom("", "-", "+"), digits: fc.stringMatching(/^[0-9]{0,4}$/) }), {
      freq: 3,
    }),
    nines: fc.boolean(),
  })
  .map(({ sign, zeros, integer, point, fraction, exponent, nines }) => {
    // Runs of nines reach the bound 10^digits from below (and round up to it past the scale).
    const digits = nines ? "9".repeat(integer.length) : integer;
    return `${sign}${zeros}${digits}${point ? "." : ""}${point ? (nines ? "9".repeat(fraction.length) : fraction) : ""}${exponent ? exponent.e + exponent.sign + exponent.digits : ""}`;
  });

describe("CopyRowWriter's byte checks agree with their string twins", () => {
  const hexOrNot = fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(..."0123456789abcdefABCDEF") },
    { weight: 1, arbitrary: fc.constantFrom("g", "G", "-", " ", "é", "{", "z") },
  );
  const guidLike = fc.oneof(
    fc.uuid().chain((uuid) => fc.constantFrom(uuid, uuid.toUpperCase(), `{${uuid}}`, ` ${uuid}`)),
    fc
      .array(hexOrNot, { minLength: 32, maxLength: 33 })
      .chain((hex) =>
        fc
          .constantFrom(true, true, true, false)
          .map((dashes) =>
            dashes
              ? [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].map((part) => part.join("")).join("-")
              : hex.join(""),
          ),
      ),
  );

  it("guid accepts what isGuid accepts and writes it lowered", () => {
    fc.assert(
      fc.property(guidLike, frame, frame, (value, before, after) => {
        const { buf, s, e } = framed(value, before, after);
        const out = new CopyRowWriter(128);
        const accepted = out.guid(buf, s, e);
        expect(accepted).toBe(isGuid(value));
        expect(written(out)).toBe(accepted ? value.toLowerCase() : "");
      }),
      { numRuns: 500 },
    );
  });

  const isoLike = fc
    .record({
      year: fc.integer({ min: 1990, max: 2110 }),
      month: fc.integer({ min: 0, max: 13 }),
      day: fc.integer({ min: 0, max: 32 }),
      separator: fc.constantFrom("-", "-", "-", "/", "."),
      rest: fc.constantFrom("", "T00:00:00Z", "T23:59:59.999+02:00", " ", "x"),
    })
    .map(({ year, month, day, separator, rest }) => `${year}${separator}${String(month).padStart(2, "0")}${separator}${String(day).padStart(2, "0")}${rest}`);

  it("isoDay accepts what parseReconDay reads as an ISO day, written the same", () => {
    fc.assert(
      fc.property(isoLike, frame, frame, (value, before, after) => {
        const { buf, s, e } = framed(value, before, after);
        const out = new CopyRowWriter(64);
        const accepted = out.isoDay(buf, s, e);
        // The bytes' check refuses only what the string check refuses too (an ISO-shaped value is never a US one).
        expect(accepted ? written(out) : null).toBe(parseReconDay(value));
        if (!accepted) expect(written(out)).toBe("");
      }),
      { numRuns: 500 },
    );
  });

  it("plainNumber accepts what checkNumber accepts without an exponent, copied as is", () => {
    fc.assert(
      fc.property(numberLike, fc.constantFrom(14, 18), frame, frame, (value, digits, before, after) => {
        const { buf, s, e } = framed(value, before, after);
        const out = new CopyRowWriter(64);
        const accepted = out.plainNumber(buf, s, e, digits);
        const plain = checkNumber(value, digits) === null && !/[eE]/.test(value);
        if (accepted) expect(plain).toBe(true);
        // The bytes' check leaves a plain value to the string check only at the bound, with digits past the scale.
        else if (plain) expect(value).toMatch(new RegExp(`^[-+]?0*[0-9]{${digits}}\\.[0-9]{${NUMBER_SCALE + 1},}$`));
        expect(written(out)).toBe(accepted ? value : "");
      }),
      { numRuns: 500 },
    );
  });
});

describe("checkNumber agrees with decimal.js", () => {
  it("refuses what Decimal can't read (or an exponent over three digits) and what rounds to at least 10^digits", () => {
    fc.assert(
      fc.property(
        fc.oneof(numberLike, fc.constantFrom("", ".", "-", "+.", "1e", "e5", "0x10", "Infinity", "NaN", "1,5", " 1", "1..2")),
        fc.constantFrom(14, 18),
        (value, digits) => {
          let expected: "not-a-number" | "too-large" | null;
          try {
            const number = new Decimal(value);
            const exponent = /[eE][-+]?([0-9]*)$/.exec(value);
            // decimal.js also reads hex, binary, octal, Infinity and NaN: not a recon file's numbers.
            if (/^[-+]?(0[xXbBoO]|Infinity|NaN)/.test(value) || (exponent && exponent[1].length > 3)) expected = "not-a-number";
            // PostgreSQL rounds to the column's scale (half away from zero), then checks the precision.
            else expected = number.toDecimalPlaces(NUMBER_SCALE, Decimal.ROUND_HALF_UP).abs().gte(new Decimal(10).pow(digits)) ? "too-large" : null;
          } catch {
            expected = "not-a-number";
          }
          expect(checkNumber(value, digits)).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
  // Found against PostgreSQL: numeric(28, 10) rounds to 10 decimals first, so these overflowed its COPY.
  it("refuses a value that rounds up to 10^digits at the scale", () => {
    // [value, digits, checkNumber's answer, whether the bytes' check copies it itself]
    for (const [value, digits, expected, copied] of [
      ["999999999999999999.99999999995", 18, "too-large", false],
      ["-999999999999999999.999999999999", 18, "too-large", false],
      ["999999999999999999.99999999994", 18, null, false],
      ["999999999999999999.9999999999", 18, null, true],
      ["99999999999999.99999999995", 14, "too-large", false],
      ["9.9999999999999999999999999995e17", 18, "too-large", false],
    ] as const) {
      expect(checkNumber(value, digits), value).toBe(expected);
      const { buf, s, e } = framed(value, "", "");
      expect(new CopyRowWriter(64).plainNumber(buf, s, e, digits), value).toBe(copied);
    }
  });
});

describe("parseReconDay agrees with date-fns", () => {
  const inRange = (date: Date) => isValid(date) && date.getFullYear() >= 2000 && date.getFullYear() <= 2099;
  const reference = new Date(2000, 0, 1);

  it("reads an ISO day (any time after it) as date-fns reads yyyy-MM-dd, leap years included", () => {
    const isoDay = fc
      .record({ year: fc.integer({ min: 1995, max: 2105 }), month: fc.integer({ min: 0, max: 13 }), day: fc.integer({ min: 0, max: 32 }) })
      .map(({ year, month, day }) => `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`);
    fc.assert(
      fc.property(isoDay, fc.constantFrom("", "T00:00:00Z", "T12:30:00.000+05:30", " 00:00"), (day, time) => {
        const date = parse(day, "yyyy-MM-dd", reference);
        expect(parseReconDay(day + time)).toBe(inRange(date) ? format(date, "yyyy-MM-dd") : null);
      }),
      { numRuns: 500 },
    );
  });

  it("reads Partner Center's US day (M/D/YYYY, a time after it or not) as date-fns reads M/d/yyyy", () => {
    const usDay = fc
      .record({
        year: fc.integer({ min: 1995, max: 2105 }),
        month: fc.integer({ min: 0, max: 13 }),
        day: fc.integer({ min: 0, max: 32 }),
        padMonth: fc.boolean(),
        padDay: fc.boolean(),
      })
      .map(
        ({ year, month, day, padMonth, padDay }) =>
          `${padMonth ? String(month).padStart(2, "0") : month}/${padDay ? String(day).padStart(2, "0") : day}/${year}`,
      );
    const time = fc.option(
      fc
        .record({ hour: fc.integer({ min: 1, max: 12 }), minute: fc.integer({ min: 0, max: 59 }), half: fc.constantFrom("AM", "PM") })
        .map(({ hour, minute, half }) => ` ${hour}:${String(minute).padStart(2, "0")}:00 ${half}`),
    );
    fc.assert(
      fc.property(usDay, time, (day, at) => {
        const date = parse(day + (at ?? ""), at === null ? "M/d/yyyy" : "M/d/yyyy h:mm:ss a", reference);
        expect(parseReconDay(day + (at ?? ""))).toBe(inRange(date) ? format(date, "yyyy-MM-dd") : null);
      }),
      { numRuns: 500 },
    );
  });

  it("knows the leap days of 2000–2099", () => {
    for (let year = 2000; year <= 2099; year++) {
      const leap = new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1;
      expect(parseReconDay(`${year}-02-29`)).toBe(leap ? `${year}-02-29` : null);
      expect(parseReconDay(`2/29/${year} 12:00:00 AM`)).toBe(leap ? `${year}-02-29` : null);
    }
  });
});

describe("the AdditionalInfo readers agree with JSON.parse", () => {
  const KEYS = ["EventDateTime", "SubscriptionId"] as const;
  const keyName = fc.oneof(
    fc.constantFrom(
      ...KEYS.map((key) => `azureStack.${key}`),
      "azureStack.EventDateTimeUtc",
      "azureStack.Subscription",
      "SubscriptionId",
      "azureStack.MeterId",
      "ImageType",
    ),
    fc.string({ maxLength: 8 }),
  );
  /** JSON text for a string without escapes: no quote, backslash or control character. */
  const plainString = fc.oneof(
    fc.constantFrom(...KEYS.map((key) => `azureStack.${key}`), "2026-10-05T00:00:00Z", "10/5/2026 12:00:00 AM", "", " ", ":", "{}", "é 😀"),
    fc.string({ unit: "grapheme", maxLength: 10 }).filter((value) => !/["\\\u0000-\u001f]/.test(value)),
  );
  const value = fc.oneof(
    { weight: 8, arbitrary: plainString },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(5, -1.5, true, false, null, [], ["a"], { k: "v" }) },
  );
  const space = fc.constantFrom("", "", " ", "\t", "\r\n", "\n  ");
  const entry = fc.record({ key: keyName, value, spaces: fc.array(space, { minLength: 4, maxLength: 4 }) });
  const info = fc.record({ entries: fc.uniqueArray(entry, { selector: (e) => e.key, maxLength: 6 }), edge: space }).map(({ entries, edge }) => {
    const members = entries.map(({ key, value, spaces: [a, b, c, d] }) => `${a}${JSON.stringify(key)}${b}:${c}${JSON.stringify(value)}${d}`);
    return `{${edge}${members.join(",")}}`;
  });

  // Found by the property: the key's name as an earlier key's value hid the key.
  it("reads the key, not an earlier value spelled like its name", () => {
    const json = '{"Note": "azureStack.EventDateTime", "azureStack.EventDateTime": "2026-10-05T00:00:00Z"}';
    expect(additionalInfoValue(json, "EventDateTime")).toBe("2026-10-05T00:00:00Z");
    const { buf, s, e } = framed(json.replaceAll('"', '""'), '"', '"');
    const at = jsonStringValueAt(buf, s, e, Buffer.from('""azureStack.EventDateTime""'), 2);
    expect(at && buf.toString("utf8", at[0], at[1])).toBe("2026-10-05T00:00:00Z");
    expect(additionalInfoValue('{"a": "azureStack.EventDateTime"}', "EventDateTime")).toBeNull();
    expect(additionalInfoValue('{"azureStack.EventDateTime": 5, "b": "c"}', "EventDateTime")).toBeNull();
  });

  it("reads azureStack.<key>'s string value as JSON.parse does, in the string and in the CSV field's bytes", () => {
    fc.assert(
      fc.property(info, fc.constantFrom(...KEYS), (json, key) => {
        const parsed = (JSON.parse(json) as Record<string, unknown>)[`azureStack.${key}`];
        const expected = typeof parsed === "string" ? parsed : null;
        expect(additionalInfoValue(json, key)).toBe(expected);
        // As the import meets it: a quoted CSV field, its quotes doubled (quote 2); or a bare field (quote 1).
        for (const quote of [2, 1] as const) {
          const cell = quote === 2 ? `"${json.replaceAll('"', '""')}"` : json;
          const { buf, s, e } = framed(quote === 2 ? cell.slice(1, -1) : cell, quote === 2 ? 'x,"' : "x,", quote === 2 ? '",y' : ",y");
          const at = jsonStringValueAt(buf, s, e, Buffer.from(quote === 2 ? `""azureStack.${key}""` : `"azureStack.${key}"`), quote);
          expect(at === null ? null : buf.toString("utf8", at[0], at[1])).toBe(expected);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("COPY text escapes read back to the same value", () => {
  const text = fc.string({
    unit: fc.oneof(
      fc.constantFrom("\\", "\t", "\n", "\r", "\r\n", "N", "\\N", "a", "Z", "é", "😀", "\u0000"),
      fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }),
    ),
    maxLength: 12,
  });
  const isField = (escaped: string) => !/[\t\n\r]/.test(escaped);

  it("copyTextValue and CopyRowWriter.text", () => {
    fc.assert(
      fc.property(text, (value) => {
        const escaped = copyTextValue(value);
        expect(isField(escaped)).toBe(true);
        expect(copyDecode(escaped)).toBe(value);
        const out = new CopyRowWriter(256);
        out.text(value);
        expect(written(out)).toBe(escaped);
      }),
      { numRuns: 500 },
    );
  });

  it("CopyRowWriter.escaped, A–Z lowered or not, and whether the bytes are ASCII", () => {
    fc.assert(
      fc.property(text, fc.boolean(), frame, frame, (value, lower, before, after) => {
        const { buf, s, e } = framed(value, before, after);
        const out = new CopyRowWriter(256);
        expect(out.escaped(buf, s, e, lower)).toBe(isAscii(value));
        const escaped = written(out);
        expect(isField(escaped)).toBe(true);
        expect(copyDecode(escaped)).toBe(lower ? value.replace(/[A-Z]/g, (c) => c.toLowerCase()) : value);
      }),
      { numRuns: 500 },
    );
  });
});
