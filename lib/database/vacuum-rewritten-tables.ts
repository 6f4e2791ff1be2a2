// Migrations that rewrite every row of a table (an UPDATE that fills a new column) leave its pages
// no longer all-visible: index-only scans (the price list's browse pages) then read the table for
// every row until a VACUUM marks the pages again, and embedded PGlite runs no autovacuum. A
// migration can't VACUUM (it runs in a transaction), so the migrate step does it after applying
// one of these. Not "server-only": scripts/db.ts and the tests load it.
import type { RawSql } from "./open-database";

/** Migration folder → the tables it rewrites (quoted), vacuumed and analyzed once it is applied. */
const REWRITTEN_TABLES: Record<string, string[]> = {
  "20261123010000_price_list_search_words": ['"PriceListItem"', '"PriceListWord"'],
  "20261207102000_usage_month_partitions": ['"UsageRecord"', '"RatedUsageLine"'],
  // Every stored series key rewritten: the old row versions are reclaimed here, not left to double the table.
  "20261207160000_usage_series_key_registration_prefix": ['"UsageRecord"'],
};

/** VACUUMs (and ANALYZEs) the tables rewritten by the migrations just `applied`; returns them. */
export async function vacuumRewrittenTables(sql: RawSql, applied: readonly string[]): Promise<string[]> {
  const tables = [...new Set(applied.flatMap((name) => REWRITTEN_TABLES[name] ?? []))];
  // A partitioned table's VACUUM processes its partitions.
  if (tables.length > 0) await sql.query(`VACUUM (ANALYZE) ${tables.join(", ")}`);
  return tables;
}
