import "server-only";
// The price list download. Every cell goes through the portal's CSV-injection guard: titles,
// descriptions and meter names are Microsoft's (or whoever made the imported file) text. The
// importer removes the guard's quote again (restoreCsvCell), so the file re-imports as is.
import { stringify } from "csv-stringify/sync";
import { getDatabase } from "../db";
import { neutraliseCsvCell } from "../files/neutralise-csv-cell";
import { forbidden } from "../errors";
import { scopeCan, type PartnerScope } from "../auth/partner-scope";
import { PRICE_COLUMNS, PRICE_FIELDS, PRICE_SHEET_FIELDS, type PriceField } from "./price-list-columns";
import { formatPartnerCenterDate, OPEN_END_DAY } from "./price-dates";
import type { ResolvedPriceListQuery } from "./price-list-query";
import { PRICE_ROW_COLUMNS, type PriceListRow } from "./price-list-sql";
import { queryPriceListPage } from "./query-price-list-page";

const EXPORT_BATCH = 2000;

/** Partners' billing roles download prices; operators too (they maintain the list). */
export function canExportPriceList(scope: PartnerScope): boolean {
  return scopeCan(scope, "prices:read") && (scopeCan(scope, "billing:export") || scopeCan(scope, "platform:operate"));
}

/** "price-sheet": Partner Center's 18 columns (the default); "portal": those and MeterRegion, MeterName, MeterCategory, MeterSubCategory. */
export type PriceListExportColumns = "price-sheet" | "portal";

// Dates as Partner Center writes them; no end is its "11/30/9999 11:59:59 PM" (the importer reads it back as no end).
function cell(row: PriceListRow, field: PriceField): string {
  if (field === "effectiveStartDate") return formatPartnerCenterDate(row.effectiveStartDate, false);
  if (field === "effectiveEndDate") return formatPartnerCenterDate(row.effectiveEndDate ?? OPEN_END_DAY, true);
  // An untiered price leaves both tier cells empty, as Partner Center's sample row does.
  if (field === "tierMin" && row.tierMin === "0" && row.tierMax === null) return "";
  return neutraliseCsvCell(row[field] ?? "");
}

/**
 * The filtered view (all pages, same sort) as CSV chunks in Partner Center's price sheet columns
 * and date format (with the portal's meter columns on request), so the file re-imports as is, here
 * or into Partner Center tooling. Only the ordered row ids are held in memory; rows are read and
 * written in batches while the response streams.
 */
export async function exportPriceListCsv(
  scope: PartnerScope,
  query: ResolvedPriceListQuery,
  columns: PriceListExportColumns = "price-sheet",
): Promise<AsyncGenerator<string>> {
  if (!canExportPriceList(scope)) throw forbidden("Your role can view prices but not download them.");
  const { sql } = await getDatabase();
  const page = await queryPriceListPage(sql, { ...query, page: 1 }, { allIds: true });
  const ids = page.ids ?? [];

  const fields = columns === "portal" ? PRICE_FIELDS : PRICE_SHEET_FIELDS;
  async function* chunks(): AsyncGenerator<string> {
    yield stringify([fields.map((field) => PRICE_COLUMNS[field].header)]);
    for (let start = 0; start < ids.length; start += EXPORT_BATCH) {
      const batch = ids.slice(start, start + EXPORT_BATCH);
      const { rows } = await sql.query<PriceListRow>(`SELECT ${PRICE_ROW_COLUMNS} FROM "PriceListItem" i WHERE i."id" = ANY($1::bigint[])`, [batch]);
      const byId = new Map(rows.map((row) => [row.id, row]));
      const ordered = batch.map((id) => byId.get(id)).filter((row): row is PriceListRow => row !== undefined);
      yield stringify(ordered.map((row) => fields.map((field) => cell(row, field))));
    }
  }
  return chunks();
}
