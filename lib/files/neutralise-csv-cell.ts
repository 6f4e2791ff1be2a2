// THE guard against spreadsheet formula (CSV) injection, for every CSV the portal writes: recon
// files (both formats; recon-csv-sql.ts applies the same rule in SQL: neutraliseCsvCellSql),
// statements, the audit export and the price list export. OWASP's recommendation: a cell a
// spreadsheet would evaluate is prefixed with a single quote, which makes it text.
// No "server-only": pure, shared with the recon bench, the SQL formatting and the price import.

const code = (character: string) => character.charCodeAt(0);

/**
 * Characters a spreadsheet starts a formula (or DDE call) with: OWASP's = + - @ tab CR, their
 * full-width forms ＝ ＋ － ＠, the small forms ﹦ ﹢ ﹣ ﹫ and the minus sign −, which some
 * spreadsheets (and IME input) fold into the ASCII ones.
 */
export const FORMULA_START_CODES: readonly number[] = [..."=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B\u2212"].map(code);

/**
 * White space a spreadsheet may skip before the formula character (" =1+1" still evaluates in
 * some): ASCII space, tab, LF, VT, FF, CR, no-break and the Unicode spaces, the ideographic
 * (full-width) space, and the zero-width space and BOM.
 */
export const LEADING_SPACE_CODES: readonly number[] = [
  0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x200b, 0x2028,
  0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
];

const APOSTROPHE = 0x27;
const hex = (value: number) => `\\u${value.toString(16).padStart(4, "0")}`;
const characterClass = (codes: readonly number[]) => `[${codes.map(hex).join("")}]`;

/**
 * A cell that needs the quote, as a regular expression both JavaScript and PostgreSQL (ARE) read
 * the same way (only \uXXXX escapes in bracket expressions): optional apostrophes, optional
 * leading white space, then a formula character. The apostrophes make the guard reversible
 * (restoreCsvCell): a value that already starts with ' before a formula character gets one more,
 * so removing exactly one quote on import always gives the value back.
 */
export const FORMULA_CELL_PATTERN = `^\\u0027*${characterClass(LEADING_SPACE_CODES)}*${characterClass(FORMULA_START_CODES)}`;

/**
 * A plain decimal number ("-1.50", "42"): never prefixed, so a credit or correction stays a number
 * in the spreadsheet. A spreadsheet reads it as a number, not a formula; anything more ("-1+1",
 * " -1", "-1e5", "-1,5") is not plain and gets the quote.
 */
export const PLAIN_NUMBER_PATTERN = "^-?[0-9]+(\\.[0-9]+)?$";

/** First characters that can start a cell needing the quote: the cheap test before the pattern. */
export const SUSPECT_FIRST_CODES: readonly number[] = [...new Set([APOSTROPHE, ...LEADING_SPACE_CODES, ...FORMULA_START_CODES])];

const SUSPECT = new Set(SUSPECT_FIRST_CODES);
const FORMULA_CELL = new RegExp(FORMULA_CELL_PATTERN);
const PLAIN_NUMBER = new RegExp(PLAIN_NUMBER_PATTERN);

/**
 * The cell as written to a CSV: prefixed with ' when a spreadsheet would evaluate it, else as is.
 * Applied to every cell; the columns we format from numbers hold plain numbers, which pass as is.
 */
export function neutraliseCsvCell(value: string): string {
  if (!SUSPECT.has(value.charCodeAt(0))) return value;
  return FORMULA_CELL.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}
