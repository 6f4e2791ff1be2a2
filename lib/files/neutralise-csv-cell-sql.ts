// neutraliseCsvCell (./neutralise-csv-cell.ts) as a SQL expression, for the files PostgreSQL
// formats itself (the recon COPY path): the same patterns, so both engines write the same bytes.
// No "server-only": pure SQL text, used by the bench and tests.
import { sqlLiteral } from "../database/sql-text";
import { FORMULA_CELL_PATTERN, PLAIN_NUMBER_PATTERN, SUSPECT_FIRST_CODES } from "./neutralise-csv-cell";

const FORMULA_CELL = sqlLiteral(FORMULA_CELL_PATTERN);
const PLAIN_NUMBER = sqlLiteral(PLAIN_NUMBER_PATTERN);

/**
 * `x` (a text expression) prefixed with ' when a spreadsheet would evaluate it. ascii() is the
 * first character's code point (0 for ''): the regular expressions run only for the rare cell
 * starting with a suspect character, so the common cell costs one integer comparison.
 */
export function neutraliseCsvCellSql(x: string): string {
  return (
    `CASE WHEN ascii(${x}) IN (${SUSPECT_FIRST_CODES.join(", ")}) AND ${x} ~ ${FORMULA_CELL} AND ${x} !~ ${PLAIN_NUMBER}` + ` THEN '''' || ${x} ELSE ${x} END`
  );
}
