// The search box's word conditions (see ./price-words.ts): a search word is first matched against
// the vocabulary of each version in effect (LIKE '%word%' over a few thousand words, in the page's
// first statement), then the rows are found by the ids of the words that contain it. Two forms,
// by how many words matched, because the GIN index's cost for `&&` grows with (ids × rows found):
// it merges the posting lists of all the ids for every row it returns. A word like "dzh" (inside
// every Partner Center product id) matches thousands of words: through the index that took 6 s on
// 100k rows (measured, PGlite), and `&&` as a filter compares each row's ids with every one of them.
// Parameterised only: user text never reaches the SQL string.

/**
 * Above this many matching words the rows are checked by hashing (below), not found through the
 * GIN index. Measured on 100k rows (PGlite) where every row matched: 531 ids cost 0.4 s through
 * the index, 0.8 s as a plain `&&` filter (the planner's choice for so many rows), 0.2 s hashed
 * (whatever the rows found: it reads the version's rows). Both `&&` costs grow with the ids, so up
 * to 128 they stay at or below the hashed cost even when every row matches, and far below when few
 * do (107 ids finding 10k rows: 14 ms through the index, 0.22 s hashed).
 */
export const MAX_INDEXED_WORD_IDS = 128;

/**
 * CTE "vocabulary": per version in effect (CTE "effective"), a JSON array with, for each search
 * word's LIKE pattern of `patterns` ($n placeholders), the ids of the version's words that contain
 * it. One look-up per version (not per market), in the version's own partition of PriceListWord.
 */
export function vocabularyCte(patterns: readonly string[]): string {
  const lookups = patterns.map(
    (pattern) => `ARRAY(SELECT w."id" FROM "PriceListWord" w WHERE w."versionId" = d."versionId" AND w."word" LIKE ${pattern}::text)`,
  );
  return `vocabulary AS (
    SELECT d."versionId", json_build_array(${lookups.join(", ")}) AS "wordIds" FROM (SELECT DISTINCT "versionId" FROM effective) d
  )`;
}

/**
 * The condition "the row (alias i) holds one of `ids`" (never empty: a word no word contains
 * matches no row, its version is left out instead); `param` adds a parameter, returning its $n.
 * Few ids: `&&` with the ids as a constant array, which the GIN index serves and the planner
 * estimates from the column's statistics. Many: each of the row's few ids looked up in the ids,
 * which PostgreSQL hashes once (a constant array of 9 or more elements, PostgreSQL 14+).
 */
export function searchedWordsCondition(param: (value: unknown) => string, ids: readonly number[]): string {
  if (ids.length <= MAX_INDEXED_WORD_IDS) return `i."searchWords" && ${param(ids)}::int[]`;
  return `EXISTS (SELECT 1 FROM unnest(i."searchWords") AS u("id") WHERE u."id" = ANY (${param(ids)}::int[]))`;
}
