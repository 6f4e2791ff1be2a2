// The recon file formatted entirely by PostgreSQL, for `COPY (…) TO STDOUT` (text format, one
// column): each row is ONE finished CSV line, exactly as the JS mapping (recon-line.ts /
// legacy-recon-line.ts) + csv-stringify write it, so the database streams the file and Node only
// forwards bytes (un-escaping COPY's text format: copy-recon-writer.ts).
// Byte-identity with the JS path rests on (tested in tests/recon-copy.test.ts):
// - money: FLOOR(price × quantity × rate × 100) × 0.01 in exact numeric, like reconLineTotal;
// - numbers: trim_scale(numeric)::text = decimal.js toFixed() (no trailing zeros, no exponent);
// - dates as YYYY-MM-DD text; EventDateTime as toISOString() of the line's first original hour (or,
//   on lines rated before it was kept, of the original day's UTC midnight);
// - ids, tags and the meter's product: the same SQL expressions as the JS path (recon-line-sql.ts);
// - AdditionalInfo: to_json(text) escapes exactly like JSON.stringify (\" \\ \b \f \n \r \t, \u00xx);
// - CSV: a cell holding , " \n or \r is quoted with "" doubled, like csv-stringify (empty = nothing);
//   text cells go through the CSV-injection guard (neutraliseCsvCellSql = neutraliseCsvCell).
// Speed (README "Benchmarks"): whatever depends only on the subscription, the meter or the day is
// formatted ONCE per export into CSV fragments (lookups built once: jsonb objects keyed by id, a
// text[] by day), so a line is one concatenation of a few fragments and its own few cells.
// COPY takes no bind parameters: the filter values are inlined as escaped literals.
// No "server-only": the bench script and tests use it directly.
import { sqlLiteral } from "../database/sql-text";
import { neutraliseCsvCellSql } from "../files/neutralise-csv-cell-sql";
import { LEGACY_RECON_COLUMNS } from "./legacy-recon-line";
import { PC_TO_BC_EXCHANGE_RATE, RECON_COLUMNS } from "./recon-line";
import { LEGACY_CELLS, MODERN_CELLS, PLAIN_BILLING_CELLS, day, type Cell, type Level, type LineCell } from "./recon-csv-cells";
import { METER_PRODUCT_LATERAL, isoTimestampSql, reconTagsSql } from "./recon-line-sql";
import type { ResolvedReconQuery } from "./recon-source";

import type { ReconFormat } from "./recon-formats";

/**
 * reconLineTotal in SQL: FLOOR(price × quantity × rate, 2), 0 when unpriced, exact numeric.
 * × 0.01 rather than / 100: numeric division rounds to ~16 significant digits, which would drop
 * the cents of a 30-digit amount. A rate of exactly 1 is left out (same value, one multiply less).
 */
export function reconLineTotalSql(unitPrice: string, quantity: string, rateSql?: string): string {
  const rate = rateSql ? ` * ${rateSql}` : PC_TO_BC_EXCHANGE_RATE.equals(1) ? "" : ` * ${PC_TO_BC_EXCHANGE_RATE.toFixed()}::numeric`;
  return `(COALESCE(floor(${unitPrice} * ${quantity}${rate} * 100), 0) * 0.01)::numeric(40,2)`;
}

/** RatedUsageLine filter with the values inlined (same predicates as recon-source's reconWhere). */
export function reconWhereLiteral(query: ResolvedReconQuery): string {
  const parts = [`l."usageDate" BETWEEN ${sqlLiteral(query.from)}::date AND ${sqlLiteral(query.to)}::date`];
  if (query.subscriptionIds) {
    parts.push(`l."azureSubscriptionId" = ANY(${sqlLiteral(`{${query.subscriptionIds.join(",")}}`)}::uuid[])`);
  }
  if (query.registrationId) parts.push(`l."registrationId" = ${sqlLiteral(query.registrationId)}`);
  return parts.join(" AND ");
}

/** The CSV-injection guard, the same rule as the JS path's neutraliseCsvCell. */
const neutralise = neutraliseCsvCellSql;
/** A text cell as csv-stringify writes it: neutralised, quoted when it holds , " LF or CR; NULL → ''. */
const csvCell = (x: string) =>
  `CASE WHEN ${x} IS NULL THEN '' WHEN strpos(${x}, ',') + strpos(${x}, '"') + strpos(${x}, E'\\n') + strpos(${x}, E'\\r') = 0 ` +
  `THEN ${neutralise(x)} ELSE '"' || replace(${neutralise(x)}, '"', '""') || '"' END`;
/** A JSON string value inside an always-quoted CSV cell. */
const jsonInCsv = (x: string) => `replace(to_json(${x})::text, '"', '""')`;

/**
 * The first `/<segment>/([^/]+)` of the resource URI, ASCII-case-insensitive: exactly what the JS
 * path's /\/<segment>\/([^/]+)/i gives (a non-unicode JS regex folds ASCII letters only), so the
 * letters are spelled [xX] rather than trusting the 'i' flag's locale-dependent folding. Only for
 * URIs off the canonical shape (CANONICAL_URI): a regexp per line was ~40% of the export's cost.
 */
function uriSegmentSql(segment: string): string {
  const pattern = `/${[...segment].map((ch) => (/[a-z]/i.test(ch) ? `[${ch.toLowerCase()}${ch.toUpperCase()}]` : ch)).join("")}/([^/]+)`;
  return `(regexp_match(r.uri, '${pattern}'))[1]`;
}
const part = (n: number) => `split_part(r0.uri, '/', ${n})`;
/**
 * `/subscriptions/<s>/resourceGroups/<rg>/providers/<ns>/…` with no CSV-special character: then
 * the regexps' first matches are segments 5 (rg) and 7 (ns) — no earlier segment is either keyword
 * (3 and 5 are checked: a length other than the keyword's can't fold to it, else lower(), which folds
 * at least the ASCII letters the regexps fold, so an odd one only falls back to the regexps), both
 * captures are non-empty, and the URI (starting with /) needs neither neutralising nor quoting.
 * CANONICAL_URI is evaluated in r (over r0), CANONICAL_SEGMENTS on r's segments 5 (rg) and 7 (svc).
 */
const CANONICAL_URI =
  `starts_with(r0.uri, '/subscriptions/') AND strpos(r0.uri, ',') + strpos(r0.uri, '"') + strpos(r0.uri, E'\\n') + strpos(r0.uri, E'\\r') = 0` +
  ` AND ${part(4)} = 'resourceGroups' AND ${part(6)} = 'providers'` +
  ` AND (octet_length(${part(3)}) NOT IN (9, 14) OR lower(${part(3)}) NOT IN ('resourcegroups', 'providers'))`;
const CANONICAL_SEGMENTS = `r.rg <> '' AND r.svc <> '' AND (octet_length(r.rg) <> 9 OR lower(r.rg) <> 'providers')`;

/**
 * The billing side of a line, over r: r.conv is its conversion (recon-currency.ts, a jsonb object)
 * or NULL (billed in its pricing currency at rate 1, dated r.pstart, the period's first day). Only
 * for a file with conversions: one without uses PLAIN_BILLING_CELLS (no per-line lookup).
 */
const BILLING_SQL: Pick<Record<LineCell, string>, "billingTotal" | "legacyBillingTotal" | "billingCurrency" | "exchangeRate" | "exchangeRateDate"> = (() => {
  const currency = `COALESCE(r.curcell, ${csvCell("r.cur")})`;
  const one = sqlLiteral(PC_TO_BC_EXCHANGE_RATE.toFixed());
  return {
    billingTotal: `CASE WHEN r.conv IS NULL THEN r.total ELSE (${reconLineTotalSql("r.up", "r.q", "(r.conv ->> 'rate')::numeric")})::text END`,
    // The legacy file's PretaxCharges: rounded half away from zero (legacyPretaxCharges), converted too.
    legacyBillingTotal: `CASE WHEN r.conv IS NULL THEN r.legacytotal ELSE COALESCE(round(r.up * r.q * (r.conv ->> 'rate')::numeric, 2), 0.00)::text END`,
    // Billing currencies are ISO codes (supported-currencies.ts): nothing to neutralise or quote.
    billingCurrency: `COALESCE(r.conv ->> 'billingCurrency', ${currency})`,
    exchangeRate: `COALESCE(r.conv ->> 'rate', ${one})`,
    exchangeRateDate: `COALESCE(r.conv ->> 'rateDate', r.pstart)`,
  };
})();

/** Per-line cells, over r (one row of RatedUsageLine with its numbers already as text). */
const LINE_SQL: Record<LineCell, string> = {
  location: `COALESCE(r.loccell, ${csvCell("r.loc")})`,
  // ConsumedService, ResourceGroup, ResourceURI: one CASE, so the URI's shape is tested once.
  consumedService:
    `CASE WHEN r.canonical_shape AND ${CANONICAL_SEGMENTS} THEN ${neutralise("r.svc")} || ',' || ${neutralise("r.rg")} || ',' || r.uri` +
    ` ELSE ${csvCell(uriSegmentSql("providers"))} || ',' || ${csvCell(uriSegmentSql("resourceGroups"))} || ',' || ${csvCell("r.uri")} END`,
  resourceGroup: "", // in consumedService
  resourceUri: "", // in consumedService
  currency: `COALESCE(r.curcell, ${csvCell("r.cur")})`,
  ...BILLING_SQL,
  // Always quoted (JSON has quotes). EventDateTime = the first original hour; without one, the
  // original day's midnight (the usage day's text unless the line was re-dated).
  additionalInfo:
    `'"{""azureStack.MeterId"":""' || r.lmid::text || '"",""azureStack.SubscriptionId"":' || COALESCE(r.lsubjson, ${jsonInCsv("r.lsub")}) ||` +
    ` ',""azureStack.Location"":' || COALESCE(r.locjson, ${jsonInCsv("COALESCE(r.loc, '')")}) || ',""azureStack.EventDateTime"":""' ||` +
    ` CASE WHEN r.es IS NOT NULL THEN ${isoTimestampSql("r.es")} WHEN r.ed = r.ud THEN r.day || 'T00:00:00.000Z' ELSE ${day("r.ed")} || 'T00:00:00.000Z' END || '""}"'`,
  tags: csvCell("r.tagtext"),
  // The legacy file's MeteredService and Project: ConsumedService's and ResourceGroup's values.
  meteredService: `CASE WHEN r.canonical_shape AND ${CANONICAL_SEGMENTS} THEN ${neutralise("r.svc")} ELSE ${csvCell(uriSegmentSql("providers"))} END`,
  project: `CASE WHEN r.canonical_shape AND ${CANONICAL_SEGMENTS} THEN ${neutralise("r.rg")} ELSE ${csvCell(uriSegmentSql("resourceGroups"))} END`,
};

/** One piece of a line: a literal, a fragment of a level (SQL over s/c/p/o, m or d), or per-line SQL. */
type Piece = { kind: "literal"; text: string } | { kind: Level; sql: string } | { kind: "line"; sql: string };

/**
 * The line as pieces, each cell followed by its comma. Consecutive literals and cells of one level
 * merge into one fragment (a literal joins the fragment before it, else the one after it), so a
 * line concatenates ~10 pieces rather than 52 cells.
 */
function linePieces(columns: readonly string[], cells: Record<string, Cell>): Piece[] {
  const covered = (column: string) => {
    const cell = cells[column];
    return "line" in cell && LINE_SQL[cell.line] === "";
  };
  const raw: Piece[] = columns.flatMap((column, index): Piece[] => {
    const cell = cells[column];
    if (covered(column)) return [];
    const spans = "line" in cell && cell.line === "consumedService" ? 3 : 1;
    if (spans === 3 && !(covered(columns[index + 1]) && covered(columns[index + 2]))) {
      throw new Error("ConsumedService, ResourceGroup and ResourceURI must be adjacent");
    }
    const comma = index + spans < columns.length ? "," : "";
    const then = comma ? ` || ','` : "";
    if ("constant" in cell) return [{ kind: "literal", text: `${cell.constant}${comma}` }];
    if ("number" in cell) return [{ kind: "line", sql: `r.${cell.number.toLowerCase()}${then}` }];
    if ("line" in cell) return [{ kind: "line", sql: `(${LINE_SQL[cell.line]})${then}` }];
    const level = (Object.keys(cell) as Level[])[0];
    return [{ kind: level, sql: `(${csvCell((cell as Record<Level, string>)[level])})${then}` }];
  });
  const merged: Piece[] = [];
  for (const piece of raw) {
    const last = merged[merged.length - 1];
    if (!last) merged.push({ ...piece });
    else if (piece.kind === "literal") {
      if (last.kind === "literal") last.text += piece.text;
      else if (last.kind !== "line") last.sql += ` || ${sqlLiteral(piece.text)}`;
      else merged.push({ ...piece });
    } else if (last.kind === "literal" && piece.kind !== "line") {
      merged[merged.length - 1] = { kind: piece.kind, sql: `${sqlLiteral(last.text)} || ${piece.sql}` };
    } else if (last.kind === piece.kind && "sql" in last) last.sql += ` || ${piece.sql}`;
    else merged.push({ ...piece });
  }
  return merged;
}

/**
 * The full SELECT: one text column "line" per rated line, in id order (header not included; see
 * CopyReconWriter in copy-recon-writer.ts). Two levels: r0 reads the period's lines (narrow, id order:
 * an index scan on the key or a narrow sort); r (fenced with OFFSET 0 so nothing is evaluated twice)
 * adds the per-line values used more than once (numbers as text, the URI's shape and segments, the
 * level fragments and formatted values looked up — a NULL fragment means no such subscription or
 * meter, dropped like the JS path's inner JOIN); the outer level concatenates. No join, so nothing
 * can reorder r0's lines (measured on 5M lines: ~4.2 µs of backend CPU per line, was ~15).
 */
export function reconCsvSelect(query: ResolvedReconQuery, format: ReconFormat = "modern", options: { valueHints?: boolean } = {}): string {
  const columns: readonly string[] = format === "legacy" ? LEGACY_RECON_COLUMNS : RECON_COLUMNS;
  const conversions = query.conversions ?? {};
  const converting = Object.keys(conversions).length > 0;
  const cells =
    format === "legacy"
      ? { ...LEGACY_CELLS, ...(converting ? {} : PLAIN_BILLING_CELLS.legacy) }
      : { ...MODERN_CELLS, ...(converting ? {} : PLAIN_BILLING_CELLS.modern) };
  const pieces = linePieces(columns, cells as Record<string, Cell>);
  // A line's conversion: by its subscription's billing partner (sx.csp) and its pricing currency.
  const conversion = converting
    ? `${sqlLiteral(JSON.stringify(conversions))}::jsonb -> ((SELECT jsonb_object_agg(k, csp) FROM sx) ->> r0.sid || '|' || COALESCE(r0.cur, ''))`
    : "NULL::jsonb";
  const fragments: Record<Level, string[]> = { sub: [], meter: [], day: [] };
  const lookups: string[] = [];
  const line = pieces.map((piece) => {
    if (piece.kind === "literal") return sqlLiteral(piece.text);
    if (piece.kind === "line") return `(${piece.sql})`;
    const name = `${piece.kind}${fragments[piece.kind].push(piece.sql)}`;
    lookups.push(
      piece.kind === "day"
        ? `(SELECT array_agg(${name} ORDER BY d) FROM dx)[r0.ud - ${sqlLiteral(query.from)}::date + 1] AS ${name}`
        : `(SELECT jsonb_object_agg(k, ${name}) FROM ${piece.kind === "sub" ? "sx" : "mx"}) ->> r0.${piece.kind === "sub" ? "sid" : "mid"} AS ${name}`,
    );
    return `r.${name}`;
  });
  const notNull = [...fragments.sub.map((_, i) => `r.sub${i + 1}`), ...fragments.meter.map((_, i) => `r.meter${i + 1}`)];
  const levelColumns = (level: Level) => fragments[level].map((sql, i) => `, ${sql} AS ${level}${i + 1}`).join("");
  // Values that repeat over a period's lines, formatted once into jsonb maps looked up per line (~0.1
  // µs instead of ~0.3-0.5 µs of formatting). The maps are hints only: a value they lack is formatted
  // per line, so the file never depends on them. Currencies and local subscription ids: the rollup.
  // valueHints: false (tests) leaves the maps empty, so the per-line fallbacks are checked too.
  const hinted = options.valueHints === false ? " AND false" : "";
  const known = (column: string) =>
    `(SELECT DISTINCT l.${column} AS k FROM "RatedUsageDaily" l WHERE ${reconWhereLiteral(query)} AND l.${column} <> ''${hinted}) AS known`;
  // Locations (not in the rollup): those of the period's first lines, the same kind of hint.
  const sampled = `(SELECT DISTINCT l."location" AS k FROM (SELECT l."location" FROM "RatedUsageLine" l WHERE ${reconWhereLiteral(query)} AND l."location" IS NOT NULL${hinted} LIMIT 10000) AS l) AS sampled`;
  // FLOOR(x, 2) is trunc(x, 2) when x ≥ 0 (cheaper than floor(x × 100) × 0.01); signs decide.
  const lineTotalSql = `CASE WHEN r0.up < 0 OR r0.q < 0 THEN ${reconLineTotalSql("r0.up", "r0.q")} ELSE COALESCE(trunc(r0.up * r0.q, 2), 0.00) END`;
  // The legacy PretaxCharges: rounded to the nearest cent (legacyPretaxCharges), only in that file.
  const legacyTotal = format === "legacy" ? `\n                       COALESCE(round(r0.up * r0.q, 2), 0.00)::text AS legacytotal,` : "";
  const subscriptionFilter = query.subscriptionIds ? `WHERE s."id" = ANY(${sqlLiteral(`{${query.subscriptionIds.join(",")}}`)}::uuid[])` : "";
  return `WITH sx AS MATERIALIZED (
  SELECT s."id"::text AS k, p."id" AS csp${levelColumns("sub")}
    FROM "AzureSubscription" s
    LEFT JOIN "Customer" c ON c."id" = s."customerId"
    JOIN "Partner" p ON p."id" = s."rollsUpToPartnerId"
    JOIN "Partner" o ON o."id" = COALESCE(c."partnerId", s."rollsUpToPartnerId")
  ${subscriptionFilter}
), mx AS MATERIALIZED (
  SELECT m."id"::text AS k${levelColumns("meter")} FROM "CommerceMeter" m
  ${METER_PRODUCT_LATERAL}
), dx AS MATERIALIZED (
  SELECT d, ${day("d")} AS day${levelColumns("day")}
    FROM (SELECT g::date AS d FROM generate_series(${sqlLiteral(query.from)}::date, ${sqlLiteral(query.to)}::date, interval '1 day') AS g) AS days
)
SELECT ${line.join("\n    || ")} AS line
  FROM (SELECT r0.*, COALESCE(trim_scale(r0.up)::text, '') AS unitprice, trim_scale(r0.q)::text AS quantity,
                       ${lineTotalSql}::text AS total, ${conversion} AS conv, ${sqlLiteral(`${query.period}-01`)}::text AS pstart,${legacyTotal}
                       ${reconTagsSql("r0.tg")} AS tagtext,
                       (SELECT array_agg(day ORDER BY d) FROM dx)[r0.ud - ${sqlLiteral(query.from)}::date + 1] AS day,
                       ${CANONICAL_URI} AS canonical_shape, ${part(5)} AS rg, ${part(7)} AS svc,
                       (SELECT jsonb_object_agg(k, ${csvCell("k")}) FROM ${known('"currency"')}) ->> r0.cur AS curcell,
                       (SELECT jsonb_object_agg(k, ${jsonInCsv("k")}) FROM ${known('"localSubscriptionId"')}) ->> r0.lsub AS lsubjson,
                       (SELECT jsonb_object_agg(k, ${csvCell("k")}) FROM ${sampled}) ->> r0.loc AS loccell,
                       (SELECT jsonb_object_agg(k, ${jsonInCsv("k")}) FROM ${sampled}) ->> r0.loc AS locjson,
                       ${lookups.join(",\n                       ")}
                  FROM (SELECT l."id", l."usageDate" AS ud, l."eventDate" AS ed, l."eventStart" AS es, l."tags" AS tg, l."quantity" AS q, l."unitPrice" AS up, l."currency" AS cur,
                               l."resourceUri" AS uri, l."location" AS loc, l."localMeterId" AS lmid, l."localSubscriptionId" AS lsub,
                               l."azureSubscriptionId"::text AS sid, l."commerceMeterId"::text AS mid
                          FROM "RatedUsageLine" l
                         WHERE ${reconWhereLiteral(query)}
                         ORDER BY l."id") r0
        OFFSET 0) r
 WHERE ${notNull.join(" IS NOT NULL AND ")} IS NOT NULL`;
}

/**
 * The COPY statement streaming the file's lines (no header) from PostgreSQL. Text format, one
 * column: COPY writes the line as is except that it escapes \ as \\ and LF, CR, tab, BS, FF, VT as
 * \n \r \t \b \f \v (unescapeCopyText in copy-recon-writer.ts undoes exactly that).
 */
export function reconCopySql(query: ResolvedReconQuery, format: ReconFormat = "modern"): string {
  return `COPY (${reconCsvSelect(query, format)}) TO STDOUT`;
}
