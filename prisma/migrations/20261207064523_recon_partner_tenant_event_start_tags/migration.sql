-- AlterTable
ALTER TABLE "Partner" ADD COLUMN     "directoryTenantId" UUID;

-- AlterTable
ALTER TABLE "RatedUsageLine" ADD COLUMN     "eventStart" TIMESTAMPTZ(3),
ADD COLUMN     "tags" JSONB,
ADD COLUMN     "tagsAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE UNIQUE INDEX "Partner_directoryTenantId_key" ON "Partner"("directoryTenantId");

-- The recon file's Tags cell (lib/recon/recon-line-sql.ts reconTagsSql): a jsonb object as compact
-- JSON text ({"env":"prod"}, keys in jsonb's order, string values escaped by to_json as
-- JSON.stringify does); NULL for no tags, an empty object or a non-object. A function rather than an
-- inline sub-select: the planner costs a sub-select on every line, which pushed the export's
-- estimate over jit_above_cost and made PostgreSQL JIT-compile the whole line expression.
CREATE FUNCTION "recon_tags_json"(tags jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 1
AS $$
  SELECT CASE WHEN jsonb_typeof(tags) <> 'object' OR tags = '{}'::jsonb THEN NULL ELSE '{' ||
    (SELECT string_agg(to_json(e.k)::text || ':' || CASE WHEN jsonb_typeof(e.v) = 'string' THEN to_json(e.v #>> '{}')::text ELSE e.v::text END, ',' ORDER BY e.n)
       FROM jsonb_each(tags) WITH ORDINALITY AS e(k, v, n)) || '}' END
$$;
