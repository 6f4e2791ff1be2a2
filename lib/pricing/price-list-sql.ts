// SQL shared by the price list reads: which version is in effect per market on a day, and the
// filters of the browse view. Parameterised only; user text never reaches the SQL string.
import { normaliseMeterId } from "../meters/meter-id";
import type { ResolvedPriceListQuery } from "./price-list-query";
import type { PriceRow } from "./parse-price-row";
import { searchedWordsCondition } from "./price-search-sql";

export interface EffectiveVersion {
  versionId: string;
  market: string;
  /** When searching words: per search word, the ids of the version's words that contain it. */
  wordIds?: number[][];
}

/**
 * CTE "effective": per market, the published version with the latest effectiveFrom on or before
 * the day $1 (ties: the later publication wins, so an operator can correct an import), for market
 * $2 or, when $2 is null, every market. Embedded PGlite pays milliseconds per statement, so reads
 * put this in the same statement as their next step rather than a query of its own.
 */
export const EFFECTIVE_VERSIONS_CTE = `effective AS (
    SELECT DISTINCT ON (m."market") m."versionId", m."market"
      FROM "PriceListVersionMarket" m JOIN "PriceListVersion" v ON v."id" = m."versionId"
     WHERE v."status" = 'PUBLISHED' AND v."effectiveFrom" <= $1::date AND ($2::text IS NULL OR m."market" = $2::text)
     ORDER BY m."market", v."effectiveFrom" DESC, v."publishedAt" DESC
  )`;

const SORT_SQL: Record<ResolvedPriceListQuery["sort"], (dir: string) => string> = {
  // Ordered like the (versionId, market, region, productTitle, skuTitle, id) index, so a page is an index range.
  product: (dir) => `i."productTitle" ${dir}, i."skuTitle" ${dir}, i."id" ${dir}`,
  sku: (dir) => `i."skuTitle" ${dir}, i."productTitle" ${dir}, i."id" ${dir}`,
  meter: (dir) => `i."meterName" ${dir}, i."id" ${dir}`,
  price: (dir) => `i."unitPrice" ${dir}, i."id" ${dir}`,
  region: (dir) => `i."region" ${dir}, i."productTitle" ${dir}, i."id" ${dir}`,
  market: (dir) => `i."market" ${dir}, i."productTitle" ${dir}, i."id" ${dir}`,
  start: (dir) => `i."effectiveStartDate" ${dir}, i."id" ${dir}`,
};

/** `%word%` for LIKE with the user's own % and _ taken literally. */
function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

type Part = "rowDates" | "filters" | "search";

/**
 * Renumbers the $n placeholders `text` uses and drops the parameters it doesn't: PostgreSQL
 * refuses a statement with a parameter it never references (it cannot infer its type), and the
 * queries below use different subsets of one parameter list.
 */
export function bindUsed(text: string, params: readonly unknown[]): [string, unknown[]] {
  const renumbered = new Map<number, number>();
  const used: unknown[] = [];
  const sql = text.replace(/\$(\d+)/g, (_match, digits: string) => {
    const index = Number(digits);
    let next = renumbered.get(index);
    if (next === undefined) {
      used.push(params[index - 1]);
      next = used.length;
      renumbered.set(index, next);
    }
    return `$${next}`;
  });
  return [sql, used];
}

export interface PriceListSql {
  /** $1 the day, $2 the market (or null), then the filters' values. */
  params: unknown[];
  /** The parts' conditions (over alias i = PriceListItem or f = PriceListFacet), "TRUE" if none. */
  condition: (alias: "i" | "f", parts: Part[]) => string;
  /**
   * Adds the exact version/market pairs in effect: plain equalities the indexes can serve. With
   * "search", the search words' conditions go inside each version's pairs (word ids are per
   * version: `versions` must carry their wordIds, see wordPatterns).
   */
  forVersions: (versions: EffectiveVersion[]) => { params: unknown[]; where: (parts: Part[]) => string };
  /** The search words (not meter GUIDs) as LIKE patterns: $n placeholders of `params`, in order. */
  wordPatterns: string[];
  orderBy: string;
  /** Text search needs the items; otherwise counts come from the facets. */
  searches: boolean;
}

/** The browse view's conditions: the rows' own effective dates, region and category, text search. */
export function priceListSql(query: ResolvedPriceListQuery): PriceListSql {
  const params: unknown[] = [query.date, query.market];
  const param = (list: unknown[], value: unknown) => `$${list.push(value)}`;
  const conditions: Record<Part, string[]> = {
    rowDates: [`A."effectiveStartDate" <= $1::date AND (A."effectiveEndDate" IS NULL OR A."effectiveEndDate" >= $1::date)`],
    filters: [],
    search: [],
  };
  if (query.region !== null) conditions.filters.push(`A."region" = ${param(params, query.region)}::text`);
  if (query.category) conditions.filters.push(`A."meterCategory" = ${param(params, query.category)}::text`);
  // Every word must appear in the product, sku or meter words (lowercase, see searchWordsOf); a
  // meter GUID (any spelling) matches the row's meter exactly.
  const words = (query.q ?? "").toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  const patterns: string[] = [];
  for (const word of words) {
    const meterId = normaliseMeterId(word);
    if (meterId) conditions.search.push(`A."meterId" = ${param(params, meterId)}::uuid`);
    else patterns.push(param(params, likePattern(word)));
  }
  const condition = (alias: "i" | "f", parts: Part[]) =>
    parts
      .flatMap((part) => conditions[part])
      .join(" AND ")
      .replace(/\bA\./g, `${alias}.`) || "TRUE";
  return {
    params,
    condition,
    forVersions(versions) {
      const all = [...params];
      const pairs = versions.map((v) => `(i."versionId" = ${param(all, v.versionId)}::text AND i."market" = ${param(all, v.market)}::text)`);
      // Searching words: one group per version, its markets and its words' conditions; a version
      // where some search word is in none of its words has no row to find.
      const byVersion = new Map<string, { markets: string[]; wordIds: number[][] }>();
      for (const v of versions) {
        const group = byVersion.get(v.versionId) ?? { markets: [], wordIds: v.wordIds ?? [] };
        group.markets.push(v.market);
        byVersion.set(v.versionId, group);
      }
      const searched = [...byVersion]
        .filter(([, group]) => patterns.length > 0 && group.wordIds.length === patterns.length && group.wordIds.every((ids) => ids.length > 0))
        .map(([versionId, { markets, wordIds }]) => {
          const market = markets.map((m) => `i."market" = ${param(all, m)}::text`).join(" OR ");
          const words = wordIds.map((ids) => searchedWordsCondition((value) => param(all, value), ids)).join(" AND ");
          return `(i."versionId" = ${param(all, versionId)}::text AND (${market}) AND ${words})`;
        });
      return {
        params: all,
        where: (parts) =>
          patterns.length > 0 && parts.includes("search")
            ? `WHERE (${searched.join(" OR ") || "FALSE"}) AND ${condition("i", parts)}`
            : `WHERE (${pairs.join(" OR ") || "FALSE"}) AND ${condition("i", parts)}`,
      };
    },
    orderBy: SORT_SQL[query.sort](query.dir === "desc" ? "DESC" : "ASC"),
    searches: words.length > 0,
    wordPatterns: patterns,
  };
}

/** Columns of a price row as the browse view and the CSV read them (numbers and dates as text). */
export const PRICE_ROW_COLUMNS = `i."id"::text AS "id", i."versionId", i."productTitle", i."productId", i."skuId", i."skuTitle",
  i."publisher", i."skuDescription", i."unitOfMeasure", i."termDuration", i."market", i."currency",
  trim_scale(i."unitPrice")::text AS "unitPrice", trim_scale(i."tierMin")::text AS "tierMin",
  trim_scale(i."tierMax")::text AS "tierMax",
  to_char(i."effectiveStartDate", 'YYYY-MM-DD') AS "effectiveStartDate",
  to_char(i."effectiveEndDate", 'YYYY-MM-DD') AS "effectiveEndDate",
  i."meterId"::text AS "meterId", i."meterIds", i."meterType", i."tags", i."region", i."meterName",
  i."meterCategory", i."meterSubCategory"`;

/** A stored price-list item as the browse/export queries return it: the imported row's columns
 * (PriceRow, Decimals and dates as text — never JS numbers) plus its identity. */
export interface PriceListRow extends Omit<PriceRow, "line" | "searchWords"> {
  id: string;
  versionId: string;
}
