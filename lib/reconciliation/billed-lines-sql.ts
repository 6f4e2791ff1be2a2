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

const GUID = `'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'`;
// A plain decimal, or one with an exponent (1.5E-3); three exponent digits keep the cast in range.
const NUMBER = `'^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]{1,3})?$'`;
// ISO (2026-10-05, 2026-10-05T00:00:00Z) or US (10/5/2026) day at the start of the text.
const DAY = `'^(?:([0-9]{4})-([0-9]{2})-([0-9]{2})|([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}))'`;
const trim = (expression: string) => `btrim(${expression}, E' \\t\\r\\n')`;
const blankToNull = (expression: string) => `NULLIF(${trim(expression)}, '')`;
const quoted = (expression: string) => `'“' || COALESCE(${expression}, '') || '”'`;
/** An azureStack.* string value of AdditionalInfo's JSON (none when escaped: ids and dates never are). */
const infoValue = (info: string, key: string) => `substring(${info} from '"azureStack\\.${key}"\\s*:\\s*"([^"\\\\]*)"')`;

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

/** The INSERT of the import's billed lines from the raw table; `lineOffset` + record number = the line. */
export function billedLinesInsertSql(target: string, table: string, raw: RawColumns, columns: BilledLineColumns, lineOffset: number): string {
  const first = (list: string[]) => (list.length === 1 ? blankToNull(list[0]) : `COALESCE(${list.map(blankToNull).join(", ")})`);
  const refuse = (type: string, column: string, problem: string) => `pg_temp.reconciliation_refuse(rn, ${sqlLiteral(column)}, ${problem})::${type}`;
  const number = (name: string, value: string, type: string, limit: string, column: string, missing: string | null) => `CASE
      ${missing ? `WHEN ${value} IS NULL THEN ${refuse(type, column, `'${missing}'`)}` : ""}
      WHEN NOT COALESCE(${value} ~ ${NUMBER}, false) THEN ${refuse(type, column, `${quoted(name === "quantity" ? "q_raw" : value)} || ' is not a number.'`)}
      WHEN abs(${value}::numeric) >= ${limit} THEN ${refuse(type, column, `${quoted(value)} || ' is too large.'`)}
      ELSE ${value}::numeric END`;
  const day = (parts: string) => {
    const [y, m, d] = [`COALESCE(${parts}[1], ${parts}[6])::int`, `COALESCE(${parts}[2], ${parts}[4])::int`, `COALESCE(${parts}[3], ${parts}[5])::int`];
    const daysInMonth = `CASE WHEN ${m} = 2 THEN CASE WHEN ${y} % 4 = 0 THEN 29 ELSE 28 END WHEN ${m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END`;
    return `CASE WHEN ${parts} IS NOT NULL AND ${y} BETWEEN 2000 AND 2099 AND ${m} BETWEEN 1 AND 12 AND ${d} BETWEEN 1 AND ${daysInMonth} THEN make_date(${y}, ${m}, ${d}) END`;
  };
  const info = raw.additionalInfo ? `CASE WHEN strpos(${raw.additionalInfo}, 'azureStack.') > 0 THEN ${raw.additionalInfo} END` : "NULL::text";
  // Fenced (OFFSET 0) layers: each value is trimmed and parsed once, not once per use.
  const values = `SELECT rn, ${first(raw.subscription)} AS sub, ${raw.meter} AS meter_raw, lower(${trim(raw.meter)}) AS meter,
           ${raw.usageDate} AS u_raw, regexp_match(${trim(raw.usageDate)}, ${DAY}) AS u_parts,
           ${raw.quantity} AS q_raw, ${trim(raw.quantity)} AS q, ${first(raw.unitPrice)} AS price, ${first(raw.total)} AS total,
           ${raw.resource ? `lower(${trim(raw.resource)})` : "''"} AS res, ${raw.customer ? `lower(${blankToNull(raw.customer)})` : "NULL::text"} AS customer,
           regexp_match(${trim(infoValue("info", "EventDateTime"))}, ${DAY}) AS ev_parts, NULLIF(${infoValue("info", "SubscriptionId")}, '') AS local_sub
      FROM (SELECT *, ${info} AS info FROM ${table} OFFSET 0) r OFFSET 0`;
  return `INSERT INTO ${target} ("lineNumber", "subscriptionId", "meterId", "resourceUri", "usageDate", "eventDate", "localSubscriptionId", "customerTenantId", "quantity", "unitPrice", "total")
    SELECT rn + ${lineOffset},
      CASE WHEN COALESCE(sub ~ ${GUID}, false) THEN lower(sub)::uuid ELSE ${refuse("uuid", columns.subscription[0], `${quoted("sub")} || ' is not a subscription id (GUID).'`)} END,
      CASE WHEN COALESCE(meter ~ ${GUID}, false) THEN meter::uuid ELSE ${refuse("uuid", columns.meter, `${quoted("meter_raw")} || ' is not a meter id (GUID).'`)} END,
      res,
      COALESCE(${day("u_parts")}, ${refuse("date", columns.usageDate, `${quoted("u_raw")} || ' is not a date.'`)}),
      ${day("ev_parts")}, local_sub, customer,
      ${number("quantity", "q", "numeric", "1e18", columns.quantity, null)},
      ${number("price", "price", "numeric", "1e14", columns.unitPrice[0], "the unit price is missing.")},
      ${number("total", "total", "numeric", "1e18", columns.total[0], "the pre-tax total is missing.")}
    FROM (${values}) v`;
}

/** The first Azure Stack line's pricing currency (the first that has one). */
export function currencySql(table: string, raw: RawColumns): string {
  if (raw.currency.length === 0) return `SELECT NULL::text AS currency`;
  const value = raw.currency.length === 1 ? blankToNull(raw.currency[0]) : `COALESCE(${raw.currency.map(blankToNull).join(", ")})`;
  return `SELECT upper(left(${value}, 3)) AS currency FROM ${table} WHERE ${value} IS NOT NULL ORDER BY rn LIMIT 1`;
}
