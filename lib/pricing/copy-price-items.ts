// Bulk load of validated price rows with COPY (RawSql.copyFrom): the rows of a file go to the
// database as one stream of COPY text, which PostgreSQL parses far faster than INSERT parameters
// (no per-batch array parameters, no per-row SQL). Not "server-only": the benchmark calls it too.
import type { RawSql } from "../database/open-database";
import type { PriceRow } from "./parse-price-row";

/** PriceRow fields in COPY column order, with their PriceListItem columns. */
const COLUMNS = [
  ["line", "sourceLine"],
  ["productId", "productId"],
  ["productTitle", "productTitle"],
  ["skuId", "skuId"],
  ["skuTitle", "skuTitle"],
  ["publisher", "publisher"],
  ["skuDescription", "skuDescription"],
  ["unitOfMeasure", "unitOfMeasure"],
  ["termDuration", "termDuration"],
  ["market", "market"],
  ["currency", "currency"],
  ["unitPrice", "unitPrice"],
  ["tierMin", "tierMin"],
  ["tierMax", "tierMax"],
  ["effectiveStartDate", "effectiveStartDate"],
  ["effectiveEndDate", "effectiveEndDate"],
  ["meterId", "meterId"],
  ["meterIds", "meterIds"],
  ["meterType", "meterType"],
  ["meterName", "meterName"],
  ["meterCategory", "meterCategory"],
  ["meterSubCategory", "meterSubCategory"],
  ["region", "region"],
  ["tags", "tags"],
  ["searchText", "searchText"],
] as const satisfies readonly (readonly [keyof PriceRow, string])[];

export const COPY_PRICE_ITEMS_SQL = `COPY "PriceListItem" ("versionId", ${COLUMNS.map(([, column]) => `"${column}"`).join(", ")}) FROM STDIN`;

// COPY's text format: tab-separated, \N for NULL, backslash escapes for the separators.
const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
function copyValue(value: string | number | null): string {
  if (value === null) return "\\N";
  if (typeof value === "number") return String(value);
  return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : value;
}

/** The COPY text of `rows` (one line each) for version `versionId`. */
export function priceRowsCopyText(versionId: string, rows: readonly PriceRow[]): string {
  const prefix = `${copyValue(versionId)}\t`;
  const lines = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    let line = prefix + row.line;
    for (let c = 1; c < COLUMNS.length; c++) line += `\t${copyValue(row[COLUMNS[c][0]])}`;
    lines[i] = line;
  }
  return `${lines.join("\n")}\n`;
}

/** Copies the batches of `batches` into version `versionId`; returns the number of rows copied. */
export function copyPriceItems(
  sql: RawSql,
  versionId: string,
  batches: AsyncIterable<readonly PriceRow[]>,
  timings?: { encode: number },
): Promise<number> {
  async function* text() {
    for await (const rows of batches) {
      if (rows.length === 0) continue;
      const started = performance.now();
      const chunk = priceRowsCopyText(versionId, rows);
      if (timings) timings.encode += performance.now() - started;
      yield chunk;
    }
  }
  return sql.copyFrom(COPY_PRICE_ITEMS_SQL, text(), { prepare: (tx) => skipForeignKeyChecks(tx, versionId) });
}

/**
 * The foreign key from each row to its version costs PostgreSQL one lookup per row (a third of
 * PGlite's COPY time). Every row here carries the same, just-created version id, so this checks it
 * once instead: it locks the version row as the per-row check would (FOR KEY SHARE: nobody can
 * delete it until the COPY commits), then turns the per-row check triggers off for this
 * transaction only — what pg_restore --disable-triggers does. Turning them off needs a superuser
 * (always so in embedded PGlite); other roles keep the per-row checks.
 */
async function skipForeignKeyChecks(tx: Pick<RawSql, "query">, versionId: string): Promise<void> {
  const { rows } = await tx.query<{ found: boolean; superuser: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM "PriceListVersion" WHERE "id" = $1 AND "status" = 'IMPORTING' FOR KEY SHARE) AS found,
            current_setting('is_superuser') = 'on' AS superuser`,
    [versionId],
  );
  if (!rows[0]?.found) throw new Error(`Price list version ${versionId} is not being imported`);
  if (rows[0].superuser) await tx.query(`SET LOCAL session_replication_role = replica`);
}
