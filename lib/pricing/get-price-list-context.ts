import "server-only";
import { getDatabase } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { EFFECTIVE_VERSIONS_CTE } from "./price-list-sql";

export interface EffectiveMarket {
  market: string;
  currency: string;
  rowCount: number;
  versionId: string;
  effectiveFrom: string;
  isDemo: boolean;
  sourceFileName: string;
}

export interface PriceListContext {
  date: string;
  /** Per market, the version in effect on `date`. */
  markets: EffectiveMarket[];
  regions: string[];
  categories: string[];
  /** Some prices in effect are the demo seed's illustrative ones. */
  hasDemoPrices: boolean;
}

/** What the filters offer on a day: markets and their versions, regions and categories (from the facets), in one statement. */
export async function getPriceListContext(scope: PartnerScope, date: string): Promise<PriceListContext> {
  assertScopeCan(scope, "prices:read");
  const { sql } = await getDatabase();
  const { rows } = await sql.query<EffectiveMarket & { regions: string[] | null; categories: string[] | null }>(
    `WITH ${EFFECTIVE_VERSIONS_CTE}
     SELECT m."market", m."currency", m."rowCount", m."versionId", to_char(v."effectiveFrom", 'YYYY-MM-DD') AS "effectiveFrom",
            v."isDemo", v."sourceFileName",
            (SELECT array_agg(DISTINCT f."region") FROM "PriceListFacet" f WHERE f."versionId" = e."versionId" AND f."market" = e."market") AS "regions",
            (SELECT array_agg(DISTINCT f."meterCategory") FROM "PriceListFacet" f WHERE f."versionId" = e."versionId" AND f."market" = e."market") AS "categories"
       FROM effective e
       JOIN "PriceListVersionMarket" m ON m."versionId" = e."versionId" AND m."market" = e."market"
       JOIN "PriceListVersion" v ON v."id" = e."versionId"
      ORDER BY m."market"`,
    [date, null],
  );
  const sorted = (values: string[]) => [...new Set(values)].filter(Boolean).sort((a, b) => a.localeCompare(b));
  return {
    date,
    markets: rows.map(({ regions: _regions, categories: _categories, ...market }) => market),
    regions: sorted(rows.flatMap((row) => row.regions ?? [])),
    categories: sorted(rows.flatMap((row) => row.categories ?? [])),
    hasDemoPrices: rows.some((row) => row.isDemo),
  };
}
