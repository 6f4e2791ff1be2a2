-- pg_trgm (a contrib extension shipped with PostgreSQL; embedded PGlite loads it in
-- lib/database/open-database.ts) lets the search box's LIKE '%word%' use an index.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "PriceListItem_searchText_idx" ON "PriceListItem" USING GIN ("searchText" gin_trgm_ops);
