// fast-check generators of what careless clients and attackers send: ids of every shape, text
// with NUL, unpaired surrogates, right-to-left marks and overlong values, broken percent-encoding,
// JSON nested thousands deep, numbers at the edges. Shared by the fuzz suites.
import fc from "fast-check";

/** Strings that broke servers before: NUL, lone surrogates, RTL, CSV formulas, path tricks, reserved names. */
export const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "x\uDFFFy",
  "\u202Egnp.exe",
  "＝1+1",
  "\t=cmd|' /C calc'!A0",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "con",
  "$metadata",
  "~",
  "northwind-chicago",
  "ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ",
  "9".repeat(400),
  "-1",
  "1e309",
  "NaN",
  "null",
  "𝕏".repeat(300),
] as const;

/** Raw (already percent-encoded, possibly wrongly) URL components. */
export const BROKEN_ENCODINGS = ["%", "%zz", "%C0%AF", "%ED%A0%80", "%00", "%E2%80%AE", "%FF", "a%2", "%%", "%25zz"] as const;

export const nastyText = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.string({ minLength: 1_000, maxLength: 1_100 }),
);

/** An id as a caller might send it: a real-looking GUID (any case), a cuid-like word, or nonsense. */
export const idLike = fc.oneof(
  fc.uuid(),
  fc.uuid().map((id) => id.toUpperCase()),
  fc.stringMatching(/^c[a-z0-9]{24}$/),
  nastyText,
);

/** A URL component: properly encoded text, or a raw broken encoding. */
export const urlComponent = fc.oneof(
  {
    weight: 6,
    arbitrary: nastyText.map((text) => {
      try {
        return encodeURIComponent(text);
      } catch {
        return "%ED%A0%80"; // encodeURIComponent refuses lone surrogates: send what a broken client would
      }
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom(...BROKEN_ENCODINGS) },
);

/**
 * ?a=b&… from the given names, in random order, some left out. A name's value is often a valid
 * one (`valid[name]`, so the handlers get past their first check) and otherwise fuzzed.
 */
export function queryString(names: readonly string[], valid: Record<string, readonly string[]> = {}): fc.Arbitrary<string> {
  const name = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.constantFrom(...BROKEN_ENCODINGS) });
  const pair = name.chain((name) => {
    const good = valid[name];
    const value = good?.length
      ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...good.map(encodeURIComponent)) }, { weight: 1, arbitrary: urlComponent })
      : urlComponent;
    return value.map((text) => `${name}=${text}`);
  });
  return fc.array(pair, { maxLength: names.length + 2 }).map((pairs) => (pairs.length ? `?${pairs.join("&")}` : ""));
}

export const edgeNumber = fc.constantFrom(0, -0, -1, 0.1, 1e15, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1, 1e-320, 123456789.123456789);

/** JSON text nested `depth` arrays deep (JSON.stringify itself overflows on such values). */
export const deepJson = (depth: number) => `${"[".repeat(depth)}1${"]".repeat(depth)}`;

/** A JSON value with nasty strings and edge numbers in it. */
export const nastyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    nastyText,
    edgeNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(nastyText, fc.constantFrom("properties", "value", "subscriptionId", "tenantId", "quantity")), tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** A request body: JSON of nasty values, deep nesting, or bytes that aren't JSON at all. */
export const nastyBody = fc.oneof(
  nastyJson.map((value) => JSON.stringify(value) ?? "null"),
  fc.integer({ min: 1_000, max: 6_000 }).map(deepJson),
  fc.constantFrom("", "{", "[1,2", "\u0000", "null", "{}", '{"properties":{}}', '{"value":[{}]}'),
  fc.string({ unit: "binary", maxLength: 200 }),
);
