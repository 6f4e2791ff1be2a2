// The inverse of neutraliseCsvCell for the files the portal reads back (a price list export
// re-imported as is): the quote the guard added is removed, nothing else. Exact because the
// guard also quotes a value that already starts with ' before a formula character.
// No "server-only": pure, runs in the price import's worker.
import { neutraliseCsvCell } from "./neutralise-csv-cell";

const APOSTROPHE = 0x27;

/** `value` without the ' neutraliseCsvCell put in front of it, or as is when it has none. */
export function restoreCsvCell(value: string): string {
  if (value.charCodeAt(0) !== APOSTROPHE) return value;
  const rest = value.slice(1);
  return neutraliseCsvCell(rest) === value ? rest : value;
}
