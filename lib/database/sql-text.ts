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
