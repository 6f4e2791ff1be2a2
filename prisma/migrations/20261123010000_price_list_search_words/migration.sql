-- The search box's index: a row's words become ids of its version's vocabulary ("PriceListWord",
-- the distinct words of the version's rows) in an int[] column under a plain GIN index, instead of
-- its text ("searchText") under a trigram GIN index. Building the GIN index over ~8 integers per
-- row takes a fraction of the trigram index's time (100k rows: ~0.2 s against ~1.5 s of a ~5 s
-- import), and a search word is matched (LIKE '%word%') against the version's few thousand words,
-- then the rows holding any of the matching ids are found (lib/pricing/price-search-sql.ts).
-- Same matches: a search word has no whitespace, so it is a substring of a row's text exactly when
-- it is a substring of one of the text's words.
-- "PriceListWord" is partitioned by version like "PriceListItem" (migration
-- 20261122200100_price_list_item_partitions; schema.prisma can't say it, so this is hand-written):
-- an import copies its vocabulary into a table of its own and attaches it
-- (lib/pricing/copy-price-items.ts). Here the stored rows' words go where their rows are: a version
-- whose rows have a partition of their own gets one for its words, the others' go to DEFAULT.

CREATE TABLE "PriceListWord" (
    "versionId" TEXT NOT NULL,
    "id" INTEGER NOT NULL,
    "word" TEXT NOT NULL,

    CONSTRAINT "PriceListWord_pkey" PRIMARY KEY ("versionId","id")
) PARTITION BY LIST ("versionId");
ALTER TABLE "PriceListWord" ADD CONSTRAINT "PriceListWord_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "PriceListVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE TABLE "PriceListWord_default" PARTITION OF "PriceListWord" DEFAULT;

-- One partition of words per version partition of rows, named as an import names it.
DO $$
DECLARE
  version_id TEXT;
BEGIN
  FOR version_id IN
    SELECT substr(c.relname, length('PriceListItem_') + 1)
      FROM pg_inherits JOIN pg_class c ON c.oid = pg_inherits.inhrelid
     WHERE pg_inherits.inhparent = '"PriceListItem"'::regclass AND c.relname <> 'PriceListItem_default'
  LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF "PriceListWord" FOR VALUES IN (%L)', 'PriceListWord_' || version_id, version_id);
  END LOOP;
END $$;

-- Each version's vocabulary: the distinct words of its rows' text (lowercase words joined by ' ').
INSERT INTO "PriceListWord" ("versionId", "id", "word")
SELECT "versionId", (row_number() OVER (PARTITION BY "versionId" ORDER BY "word"))::int, "word"
  FROM (SELECT DISTINCT i."versionId", t."word"
          FROM "PriceListItem" i CROSS JOIN LATERAL unnest(string_to_array(i."searchText", ' ')) AS t("word")
         WHERE t."word" <> '') AS words;

-- The trigram index goes first: the UPDATE below would otherwise maintain it for every row.
DROP INDEX "PriceListItem_searchText_idx";

-- Each row's word ids ('{}' for a row without words, which no search word matches, as before).
ALTER TABLE "PriceListItem" ADD COLUMN "searchWords" INTEGER[];
UPDATE "PriceListItem" i SET "searchWords" = coalesce(s."ids", '{}')
  FROM (SELECT r."versionId", r."id", array_agg(DISTINCT w."id") FILTER (WHERE w."id" IS NOT NULL) AS "ids"
          FROM "PriceListItem" r
          LEFT JOIN LATERAL unnest(string_to_array(r."searchText", ' ')) AS t("word") ON TRUE
          LEFT JOIN "PriceListWord" w ON w."versionId" = r."versionId" AND w."word" = t."word"
         GROUP BY r."versionId", r."id") AS s
 WHERE i."versionId" = s."versionId" AND i."id" = s."id";
ALTER TABLE "PriceListItem" ALTER COLUMN "searchWords" SET NOT NULL;
ALTER TABLE "PriceListItem" DROP COLUMN "searchText";

CREATE INDEX "PriceListItem_searchWords_idx" ON "PriceListItem" USING GIN ("searchWords");
