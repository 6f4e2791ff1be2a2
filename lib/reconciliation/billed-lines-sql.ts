// The SQL that turns a recon file's raw records into "ReconciliationBilledLine" rows, set-based.
// The file's records are COPYed, as text, into a temporary table whose columns c1…cN follow the
// file's header (COPY's WHERE keeps only the Azure Stack lines: MeterRegion / Region "Azure Stack",
// or an Azure Stack commerce meter); one INSERT … SELECT then trims, checks and converts every
// value. A bad value calls pg_temp.reconciliation_refuse, which raises an error naming the record,
// the column and what is wrong: the scan goes in file order and the target list is evaluated left
// to right, so it is the first bad line's first bad field, as a reader going line by line would
// report it. Pure (no server-only): the bench drives it.
import { COMMON_ERROR_CODES, DomainError } from "../errors";
import { sqlLiteral } from "../database/sql-text";
import { AZURE_STACK_REGION, requiredColumnGroups, type BilledLineColumns } from "./reconciliation-columns";

/** Marks the error pg_temp.reconciliation_refuse raises; the JSON after it says where. */
export const REFUSED_MARKER = "reconciliation line refused: ";

export const REFUSE_FUNCTION_SQL = `CREATE OR REPLACE FUNCTION pg_temp.reconciliation_refuse(record bigint, field text, problem text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = '22000', MESSAGE = '${REFUSED_MARKER}' || json_build_object('record', record, 'column', field, 'message', problem)::text;
END $$`;

// The checks avoid PostgreSQL's regex engine where a plainer test does (it cost ~5 µs a value):
// translate() drops the characters a value may have, and what is left must be the separators.
const WS = `E' \\t\\r\\n'`;
const trim = (expression: string) => `btrim(${expression}, ${WS})`;
const blankToNull = (expression: string) => `NULLIF(${trim(expression)}, '')`;
const quoted = (expression: string) => `'“' || COALESCE(${expression}, '') || '”'`;
/** xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, hex digits in either case. */
const isGuid = (s: string) =>
  `COALESCE(length(${s}) = 36 AND translate(${s}, '0123456789abcdefABCDEF', '') = '----' AND substr(${s}, 9, 1) = '-' AND substr(${s}, 14, 1) = '-' AND substr(${s}, 19, 1) = '-' AND substr(${s}, 24, 1) = '-', false)`;
/** A plain decimal (digits and at most one point), else one with a sign or an exponent (1.5E-3; three exponent digits keep the cast in range). */
const isNumber = (s: string) =>
  `COALESCE(CASE WHEN translate(${s}, '0123456789', '') IN ('', '.') AND ${s} NOT IN ('', '.') THEN true ELSE ${s} ~ '^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]{1,3})?$' END, false)`;
/** ISO (2026-10-05, 2026-10-05T00:00:00Z) or US (10/5/2026) day at the start of the text. */
const isIsoDay = (s: string) =>
  `COALESCE(substr(${s}, 5, 1) = '-' AND substr(${s}, 8, 1) = '-' AND translate(substr(${s}, 1, 10), '0123456789', '') = '--', false)`;
const isUsDay = (s: string) => `COALESCE(${s} ~ '^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}', false)`;
/** "azureStack.<key>": "<value>" of AdditionalInfo's JSON, from the text after the key (`rest`); none when escaped (ids and dates never are). */
const infoValue = (rest: string) =>
  `CASE WHEN ${trim(`split_part(${rest}, '"', 1)`)} = ':' AND strpos(split_part(${rest}, '"', 2), '\\') = 0 THEN split_part(${rest}, '"', 2) END`;

/** A day's year, month and day (ints) from its text `p`, by the form `p_iso` / `p_us` says it has. */
function dayPartExpressions(p: string): [string, string, string] {
  return [
    `CASE WHEN ${p}_iso THEN substr(${p}, 1, 4)::int WHEN ${p}_us THEN left(split_part(${p}, '/', 3), 4)::int END`,
    `CASE WHEN ${p}_iso THEN substr(${p}, 6, 2)::int WHEN ${p}_us THEN split_part(${p}, '/', 1)::int END`,
    `CASE WHEN ${p}_iso THEN substr(${p}, 9, 2)::int WHEN ${p}_us THEN split_part(${p}, '/', 2)::int END`,
  ];
}

/** lower() of text, ASCII the cheap way (the "C" collation's lower() only maps A–Z; the default one decodes every character). */
export const lowerText = (expression: string) =>
  `CASE WHEN octet_length(${expression}) = length(${expression}) THEN lower(${expression} COLLATE "C") ELSE lower(${expression}) END`;

/** Where each needed value is in the raw table (c1 … cN; null when the file lacks the column). */
export interface RawColumns {
  subscription: string[];
  meter: string;
  region: string;
  resource: string | null;
  usageDate: string;
  quantity: string;
  unitPrice: string[];
  total: string[];
  additionalInfo: string | null;
  customer: string | null;
  currency: string[];
}

const fileError = (message: string) => new DomainError(COMMON_ERROR_CODES.ValidationFailed, message, { fields: { file: message } });

/** The raw table's column of each value, by the header's names; a missing needed column is refused. */
export function rawColumnsOf(header: readonly string[], columns: BilledLineColumns): RawColumns {
  const names = header.map((name) => name.trim());
  const missing = requiredColumnGroups(columns)
    .filter((group) => !group.some((name) => names.includes(name)))
    .map((group) => group.join(" or "));
  if (missing.length > 0) throw fileError(`The header lacks ${missing.join(", ")}.`);
  const at = (name: string | null) => (name === null || !names.includes(name) ? null : `c${names.indexOf(name) + 1}`);
  const all = (list: readonly string[]) => list.map(at).filter((column): column is string => column !== null);
  return {
    subscription: all(columns.subscription),
    meter: at(columns.meter) as string,
    region: at(columns.region) as string,
    resource: at(columns.resource),
    usageDate: at(columns.usageDate) as string,
    quantity: at(columns.quantity) as string,
    unitPrice: all(columns.unitPrice),
    total: all(columns.total),
    additionalInfo: at(columns.additionalInfo),
    customer: at(columns.customer),
    currency: all(columns.currency),
  };
}

/** COPY of the raw records, keeping only Azure Stack lines (the rest are counted by the reader). */
export function rawCopySql(table: string, fieldCount: number, raw: RawColumns, azureStackMeters: readonly string[]): string {
  const list = Array.from({ length: fieldCount }, (_, i) => `c${i + 1}`).join(", ");
  const meters = `'{${azureStackMeters.filter((id) => /^[0-9a-f-]+$/.test(id)).join(",")}}'::text[]`;
  return `COPY ${table} (${list}) FROM STDIN WITH (FORMAT csv) WHERE lower(${trim(raw.region)}) = '${AZURE_STACK_REGION}' OR lower(${trim(raw.meter)}) = ANY (${meters})`;
}

export function rawTableSql(table: string, fieldCount: number): string {
  const list = Array.from({ length: fieldCount }, (_, i) => `c${i + 1} text`).join(", ");
  return `CREATE TEMP TABLE ${table} (rn bigint GENERATED ALWAYS AS IDENTITY (CACHE 1000), ${list}) ON COMMIT DROP`;
}

/**
 * The INSERT of the import's billed lines from the raw table; `lineOffset` + record number = the line.
 * `checked: false` is the fast form: PostgreSQL's own input functions (uuid, date, numeric and the
 * columns' precision and NOT NULL) refuse what is wrong, without saying where. `checked: true`
 * tests every value first (~10× the work) and refuses the first bad one by line and column: run
 * when the fast form failed. Both give the same rows for a good file.
 */
export function billedLinesInsertSql(target: string, table: string, raw: RawColumns, columns: BilledLineColumns, lineOffset: number, checked: boolean): string {
  const first = (list: string[]) => (list.length === 1 ? blankToNull(list[0]) : `COALESCE(${list.map(blankToNull).join(", ")})`);
  const refuse = (type: string, column: string, problem: string) => `pg_temp.reconciliation_refuse(rn, ${sqlLiteral(column)}, ${problem})::${type}`;
  const number = (name: string, value: string, type: string, limit: string, column: string, missing: string | null) => `CASE
      ${missing ? `WHEN ${value} IS NULL THEN ${refuse(type, column, `'${missing}'`)}` : ""}
      WHEN NOT ${isNumber(value)} THEN ${refuse(type, column, `${quoted(name === "quantity" ? "q_raw" : value)} || ' is not a number.'`)}
      WHEN abs(${value}::numeric) >= ${limit} THEN ${refuse(type, column, `${quoted(value)} || ' is too large.'`)}
      ELSE ${value}::numeric END`;
  const day = (p: string) => {
    const dim = `CASE WHEN ${p}_m = 2 THEN CASE WHEN ${p}_y % 4 = 0 THEN 29 ELSE 28 END WHEN ${p}_m IN (4, 6, 9, 11) THEN 30 ELSE 31 END`;
    return `CASE WHEN ${p}_y BETWEEN 2000 AND 2099 AND ${p}_m BETWEEN 1 AND 12 AND ${p}_d BETWEEN 1 AND ${dim} THEN make_date(${p}_y, ${p}_m, ${p}_d) END`;
  };
  /** The same day, its parts computed in place (for the few values the fast form's test leaves). */
  const dayInPlace = (p: string) => {
    const [y, m, d] = dayPartExpressions(p);
    return day(p).replaceAll(`${p}_y`, `(${y})`).replaceAll(`${p}_m`, `(${m})`).replaceAll(`${p}_d`, `(${d})`);
  };
  const dayParts = (p: string) => `
      ${dayPartExpressions(p)
        .map((expression, i) => `${expression} AS ${p}_${"ymd"[i]}`)
        .join(", ")}`;
  const dayForms = (p: string) => `${isIsoDay(p)} AS ${p}_iso, NOT ${isIsoDay(p)} AND ${isUsDay(p)} AS ${p}_us`;
  const infoAt = (key: string) => (raw.additionalInfo ? `strpos(${raw.additionalInfo}, '"azureStack.${key}"')` : "0");
  const infoRest = (key: string) => `CASE WHEN ${key}_at > 0 THEN substr(${raw.additionalInfo ?? "''"}, ${key}_at + ${key.length + 13}) END`;
  // Fenced (OFFSET 0) layers: each value is trimmed and parsed once, not once per use.
  const needed = [
    ...new Set([raw.meter, raw.usageDate, raw.quantity, ...raw.subscription, ...raw.unitPrice, ...raw.total, raw.resource, raw.customer, raw.additionalInfo]),
  ];
  const located = `SELECT rn, ${needed.filter((column) => column !== null).join(", ")}, ${infoAt("EventDateTime")} AS EventDateTime_at, ${infoAt("SubscriptionId")} AS SubscriptionId_at FROM ${table} OFFSET 0`;
  const values = `SELECT rn, ${first(raw.subscription)} AS sub, ${raw.meter} AS meter_raw, lower(${trim(raw.meter)}) AS meter,
           ${raw.usageDate} AS u_raw, ${trim(raw.usageDate)} AS u,
           ${raw.quantity} AS q_raw, ${trim(raw.quantity)} AS q, ${first(raw.unitPrice)} AS price, ${first(raw.total)} AS total,
           ${raw.resource ? lowerText(trim(raw.resource)) : "''"} AS res, ${raw.customer ? `lower(${blankToNull(raw.customer)})` : "NULL::text"} AS customer,
           ${infoRest("EventDateTime")} AS ev_rest, ${infoRest("SubscriptionId")} AS ls_rest
      FROM (${located}) r OFFSET 0`;
  const info = `SELECT v.*, ${trim(infoValue("ev_rest"))} AS ev, NULLIF(${infoValue("ls_rest")}, '') AS local_sub FROM (${values}) v OFFSET 0`;
  const insert = `INSERT INTO ${target} ("lineNumber", "subscriptionId", "meterId", "resourceUri", "usageDate", "eventDate", "localSubscriptionId", "customerTenantId", "quantity", "unitPrice", "total")`;
  if (!checked) {
    // A day starts with a digit (date_in also reads "today" or "Oct 5"); DateStyle MDY is set by the caller.
    const forms = `SELECT i.*, ${dayForms("ev")}, CASE WHEN left(u, 1) BETWEEN '0' AND '9' THEN u::date END AS u_day FROM (${info}) i OFFSET 0`;
    const notNaN = (value: string) => `NULLIF(${value}::numeric, 'NaN')`;
    // An ISO day up to the 28th of a month of 2000–2099 is a date whatever the month: cast as is.
    const plainDay = `ev_iso AND substr(ev, 1, 4) BETWEEN '2000' AND '2099' AND substr(ev, 6, 2) BETWEEN '01' AND '12' AND substr(ev, 9, 2) BETWEEN '01' AND '28'`;
    return `${insert}
    SELECT rn + ${lineOffset}, lower(sub)::uuid, meter::uuid, res, CASE WHEN u_day BETWEEN '2000-01-01' AND '2099-12-31' THEN u_day END,
      CASE WHEN ${plainDay} THEN substr(ev, 1, 10)::date ELSE ${dayInPlace("ev")} END, local_sub, customer, ${notNaN("q")}, ${notNaN("price")}, ${notNaN("total")}
    FROM (${forms}) f`;
  }
  const forms = `SELECT i.*, ${dayForms("u")}, ${dayForms("ev")} FROM (${info}) i OFFSET 0`;
  const parts = `SELECT f.*, ${dayParts("u")}, ${dayParts("ev")} FROM (${forms}) f OFFSET 0`;
  return `${insert}
    SELECT rn + ${lineOffset},
      CASE WHEN ${isGuid("sub")} THEN lower(sub)::uuid ELSE ${refuse("uuid", columns.subscription[0], `${quoted("sub")} || ' is not a subscription id (GUID).'`)} END,
      CASE WHEN ${isGuid("meter")} THEN meter::uuid ELSE ${refuse("uuid", columns.meter, `${quoted("meter_raw")} || ' is not a meter id (GUID).'`)} END,
      res,
      COALESCE(${day("u")}, ${refuse("date", columns.usageDate, `${quoted("u_raw")} || ' is not a date.'`)}),
      ${day("ev")}, local_sub, customer,
      ${number("quantity", "q", "numeric", "1e18", columns.quantity, null)},
      ${number("price", "price", "numeric", "1e14", columns.unitPrice[0], "the unit price is missing.")},
      ${number("total", "total", "numeric", "1e18", columns.total[0], "the pre-tax total is missing.")}
    FROM (${parts}) p`;
}

/** The first Azure Stack line's pricing currency (the first that has one). */
export function currencySql(table: string, raw: RawColumns): string {
  if (raw.currency.length === 0) return `SELECT NULL::text AS currency`;
  const value = raw.currency.length === 1 ? blankToNull(raw.currency[0]) : `COALESCE(${raw.currency.map(blankToNull).join(", ")})`;
  return `SELECT upper(left(${value}, 3)) AS currency FROM ${table} WHERE ${value} IS NOT NULL ORDER BY rn LIMIT 1`;
}
