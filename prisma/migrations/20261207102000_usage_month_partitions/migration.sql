-- UsageRecord and RatedUsageLine become tables range-partitioned by month (UTC): UsageRecord on
-- "usageStart", RatedUsageLine on "usageDate". Retention drops a whole month of raw records (no
-- DELETE, no bloat), ingest and rating touch the current month's partitions only, and reads by
-- period are pruned to their months. The portal keeps the partitions itself (the current month and
-- the next two, plus a DEFAULT partition as a safety net: lib/partitions/). schema.prisma cannot
-- say "partitioned": hand-written.
--
-- A partitioned table's unique keys must contain the partition key: UsageRecord's primary key
-- ("usageStart", "seriesKey") and RatedUsageLine's unique key (the rating upsert's ON CONFLICT
-- target) already do; RatedUsageLine's primary key becomes ("id", "usageDate"), id first so the
-- recon export's keyset paging on id keeps an index.
--
-- The stored rows move in place: each table is renamed, the partitioned one is created with the
-- same columns (defaults and the id sequence included), with one partition per month that holds
-- rows plus the current month and the next two, the rows are copied, the old table dropped, and
-- the keys, indexes and rollup triggers are created on the partitioned table (after the copy: one
-- bulk index build per partition, and the rollups, which already count these rows, are untouched).

ALTER TABLE "UsageRecord" RENAME TO "UsageRecord_unpartitioned";
ALTER TABLE "RatedUsageLine" RENAME TO "RatedUsageLine_unpartitioned";

CREATE TABLE "UsageRecord" (LIKE "UsageRecord_unpartitioned" INCLUDING DEFAULTS) PARTITION BY RANGE ("usageStart");
CREATE TABLE "RatedUsageLine" (LIKE "RatedUsageLine_unpartitioned" INCLUDING DEFAULTS) PARTITION BY RANGE ("usageDate");
ALTER SEQUENCE "RatedUsageLine_id_seq" OWNED BY "RatedUsageLine"."id";

-- Partition names: <table>_YYYY_MM and <table>_default (lib/partitions/usage-partition-tables.ts).
-- Bounds are UTC month starts; a timestamptz bound is written with its offset so that the
-- session's TimeZone cannot shift it. A partitioned table takes no storage parameters: the rated
-- lines' fillfactor (room for HOT updates, migration rated_usage_fillfactor) goes on each partition.
DO $partitions$
DECLARE
  spec record;
  month date;
BEGIN
  FOR spec IN
    SELECT * FROM (VALUES
      ('UsageRecord', '("usageStart" AT TIME ZONE ''UTC'')', ' 00:00:00+00', ''),
      ('RatedUsageLine', '"usageDate"::timestamp', '', ' WITH (fillfactor = 80)')
    ) AS s (tbl, month_of, bound_suffix, storage)
  LOOP
    FOR month IN EXECUTE format(
      'SELECT DISTINCT date_trunc(''month'', %s)::date FROM %I
        UNION SELECT (date_trunc(''month'', now() AT TIME ZONE ''UTC'') + k * interval ''1 month'')::date FROM generate_series(0, 2) AS k
        ORDER BY 1', spec.month_of, spec.tbl || '_unpartitioned')
    LOOP
      EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)%s',
        spec.tbl || '_' || to_char(month, 'YYYY_MM'), spec.tbl,
        to_char(month, 'YYYY-MM-DD') || spec.bound_suffix,
        to_char(month + interval '1 month', 'YYYY-MM-DD') || spec.bound_suffix,
        spec.storage);
    END LOOP;
    EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT%s', spec.tbl || '_default', spec.tbl, spec.storage);
  END LOOP;
END
$partitions$;

INSERT INTO "UsageRecord" SELECT * FROM "UsageRecord_unpartitioned";
INSERT INTO "RatedUsageLine" SELECT * FROM "RatedUsageLine_unpartitioned";
DROP TABLE "UsageRecord_unpartitioned";
DROP TABLE "RatedUsageLine_unpartitioned";

ALTER TABLE "UsageRecord" ADD CONSTRAINT "UsageRecord_pkey" PRIMARY KEY ("usageStart", "seriesKey");
CREATE INDEX "UsageRecord_registrationId_usageDate_idx" ON "UsageRecord"("registrationId", "usageDate");

ALTER TABLE "RatedUsageLine" ADD CONSTRAINT "RatedUsageLine_pkey" PRIMARY KEY ("id", "usageDate");
CREATE UNIQUE INDEX "RatedUsageLine_registrationId_azureSubscriptionId_commerceM_key" ON "RatedUsageLine"("registrationId", "azureSubscriptionId", "commerceMeterId", "resourceUri", "usageDate", "eventDate", "localSubscriptionId");
CREATE INDEX "RatedUsageLine_azureSubscriptionId_usageDate_idx" ON "RatedUsageLine"("azureSubscriptionId", "usageDate");
CREATE INDEX "RatedUsageLine_registrationId_usageDate_idx" ON "RatedUsageLine"("registrationId", "usageDate");

-- The rollup triggers (migrations rated_usage_daily, rated_usage_monthly): statement triggers with
-- transition tables on the partitioned table see every row a statement on it writes, whichever
-- partition holds the row (a row an UPDATE moves to another month counts as updated). Statements
-- on a partition itself don't fire them: the partition upkeep moves rows between partitions
-- that way, leaving the rollups as they are.
CREATE TRIGGER "RatedUsageLine_daily_insert" AFTER INSERT ON "RatedUsageLine"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "rated_usage_daily_apply"();
CREATE TRIGGER "RatedUsageLine_daily_update" AFTER UPDATE ON "RatedUsageLine"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "rated_usage_daily_apply"();
CREATE TRIGGER "RatedUsageLine_daily_delete" AFTER DELETE ON "RatedUsageLine"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "rated_usage_daily_apply"();
