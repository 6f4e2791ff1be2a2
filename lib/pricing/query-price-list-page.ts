// The browse query itself, without scope checks (listPriceItems adds them), so the benchmark
// measures exactly the SQL the page runs: two statements per page (embedded PGlite pays a few
// milliseconds per statement, so they are kept few).
import type { RawSql } from "../database/open-database";
import { PRICE_LIST_PAGE_SIZE, type ResolvedPriceListQuery } from "./price-list-query";
import { bindUsed, EFFECTIVE_VERSIONS_CTE, PRICE_ROW_COLUMNS, priceListSql, type PriceListRow } from "./price-list-sql";
import { vocabularyCte } from "./price-search-sql";

export interface PriceListPage {
  rows: PriceListRow[];
  total: number;
  page: number;
  pageCount: number;
  /** With `allIds`: every matching row's id, in order (for the CSV download). */
  ids?: string[];
}

const EMPTY: PriceListPage = { rows: [], total: 0, page: 1, pageCount: 1 };

function queryUsing<Row>(sql: RawSql, text: string, params: readonly unknown[]) {
  const [bound, values] = bindUsed(text, params);
  return sql.query<Row>(bound, values);
}

export async function queryPriceListPage(sql: RawSql, query: ResolvedPriceListQuery, options: { allIds?: boolean } = {}): Promise<PriceListPage> {
  const built = priceListSql(query);
  // 1. The versions in effect, with their facets: the unsearched total, and whether any row is
  //    outside its own effective dates on the day. Usually none is, and the item queries then
  //    leave the date condition out, so the indexes serve the whole condition. When searching
  //    words, also the ids of each version's words that contain them (./price-search-sql.ts).
  const versions = `SELECT e."versionId", e."market",
            coalesce(sum(f."rowCount") FILTER (WHERE ${built.condition("f", ["rowDates", "filters"])}), 0)::int AS total,
            coalesce(bool_and(${built.condition("f", ["rowDates"])}), true) AS "allInEffect"
       FROM effective e LEFT JOIN "PriceListFacet" f ON f."versionId" = e."versionId" AND f."market" = e."market"
      GROUP BY e."versionId", e."market"`;
  const summary = await queryUsing<{ versionId: string; market: string; total: number; allInEffect: boolean; wordIds?: number[][] }>(
    sql,
    built.wordPatterns.length === 0
      ? `WITH ${EFFECTIVE_VERSIONS_CTE}
     ${versions}`
      : `WITH ${EFFECTIVE_VERSIONS_CTE}, ${vocabularyCte(built.wordPatterns)}
     SELECT t.*, v."wordIds" FROM (${versions}) t JOIN vocabulary v ON v."versionId" = t."versionId"`,
    built.params,
  );
  if (summary.rows.length === 0) return EMPTY;
  const items = built.forVersions(summary.rows);
  const where = items.where(summary.rows.every((row) => row.allInEffect) ? ["filters", "search"] : ["rowDates", "filters", "search"]);
  const offset = (page: number) => (page - 1) * PRICE_LIST_PAGE_SIZE;

  if (options.allIds) {
    const { rows } = await queryUsing<{ id: string }>(
      sql,
      `SELECT i."id"::text AS "id" FROM "PriceListItem" i ${where} ORDER BY ${built.orderBy}`,
      items.params,
    );
    return { rows: [], total: rows.length, page: 1, pageCount: 1, ids: rows.map((row) => row.id) };
  }

  // 2a. Without search: the total is the facets' sum; the page is read ids first, so a deep
  //     OFFSET walks only the index and just the page's rows are read in full (the outer read
  //     repeats the version condition so the planner leaves the other versions' partitions out).
  if (!built.searches) {
    const total = summary.rows.reduce((sum, row) => sum + row.total, 0);
    if (total === 0) return EMPTY;
    const pageCount = Math.ceil(total / PRICE_LIST_PAGE_SIZE);
    const page = Math.min(query.page, pageCount);
    const { rows } = await queryUsing<PriceListRow>(
      sql,
      `SELECT ${PRICE_ROW_COLUMNS} FROM "PriceListItem" i
         JOIN (SELECT i."versionId", i."id" FROM "PriceListItem" i ${where} ORDER BY ${built.orderBy} LIMIT ${PRICE_LIST_PAGE_SIZE} OFFSET ${offset(page)}) page
           ON page."versionId" = i."versionId" AND page."id" = i."id"
        ${items.where([])}
        ORDER BY ${built.orderBy}`,
      items.params,
    );
    return { rows, total, page, pageCount };
  }

  // 2b. Text search scans the rows once: the page and the total (a window count) together. A page
  //     past the end (an old link) comes back empty and falls back to the last page.
  const page = async (number: number) =>
    queryUsing<PriceListRow & { total: string | number }>(
      sql,
      `SELECT ${PRICE_ROW_COLUMNS}, count(*) OVER () AS total FROM "PriceListItem" i ${where}
        ORDER BY ${built.orderBy} LIMIT ${PRICE_LIST_PAGE_SIZE} OFFSET ${offset(number)}`,
      items.params,
    );
  let found = await page(query.page);
  let pageNumber = query.page;
  if (found.rows.length === 0 && query.page > 1) {
    const counted = await queryUsing<{ total: string | number }>(sql, `SELECT count(*) AS total FROM "PriceListItem" i ${where}`, items.params);
    pageNumber = Math.max(1, Math.ceil(Number(counted.rows[0]?.total ?? 0) / PRICE_LIST_PAGE_SIZE));
    found = await page(pageNumber);
  }
  if (found.rows.length === 0) return EMPTY;
  const total = Number(found.rows[0].total);
  const rows = found.rows.map(({ total: _total, ...row }) => row);
  return { rows, total, page: pageNumber, pageCount: Math.max(1, Math.ceil(total / PRICE_LIST_PAGE_SIZE)) };
}
