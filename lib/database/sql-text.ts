// Text the bulk paths write for PostgreSQL themselves: COPY's text format (usage ingest, price list
// import) and SQL string literals (recon's export query, a price list version's partition). One
// place, so every COPY writer escapes the same way. Pure module.

/** NULL in COPY's text format. */
export const COPY_NULL = "\\N";
const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** A text value in COPY text format: backslash, tab, newline and carriage return escaped. */
export function copyText(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

export const copyJson = (value: unknown) => (value === null || value === undefined ? COPY_NULL : copyText(JSON.stringify(value)));
export const copyBool = (value: boolean) => (value ? "t" : "f");

/** A SQL string literal that is safe whatever standard_conforming_strings says (E'' form). */
export function sqlLiteral(value: string): string {
  return `E'${value.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/** A PostgreSQL array literal: every element double-quoted (backslash and quote escaped), null as NULL. */
export function arrayLiteral(values: readonly (string | boolean | null)[]): string {
  let literal = "{";
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) literal += ",";
    if (value === null) literal += "NULL";
    else if (typeof value === "boolean") literal += value ? "t" : "f";
    else literal += `"${NEEDS_ARRAY_ESCAPE.test(value) ? value.replace(/[\\"]/g, "\\$&") : value}"`;
  }
  return `${literal}}`;
}
const NEEDS_ARRAY_ESCAPE = /[\\"]/;
