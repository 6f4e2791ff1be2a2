-- CreateTable
CREATE TABLE "RatedUsageMonthly" (
    "period" DATE NOT NULL,
    "azureSubscriptionId" UUID NOT NULL,
    "registrationId" TEXT NOT NULL,
    "localSubscriptionId" TEXT NOT NULL,
    "unregisteredTenant" BOOLEAN NOT NULL,
    "currency" TEXT NOT NULL DEFAULT '',
    "total" DECIMAL(40,2) NOT NULL,
    "lines" INTEGER NOT NULL,

    CONSTRAINT "RatedUsageMonthly_pkey" PRIMARY KEY ("period","azureSubscriptionId","registrationId","localSubscriptionId","unregisteredTenant","currency")
);

-- RatedUsageDaily and RatedUsageMonthly are both kept by the statement triggers on RatedUsageLine
-- (migration rated_usage_daily): the function is replaced so that each statement groups its
-- transition rows ONCE into a per-daily-key delta, upserts that into RatedUsageDaily and its
-- month-grain sums into RatedUsageMonthly, all in one statement (a second trigger would scan and
-- group the transition tables again on every ingest batch). An UPDATE's old and new rows are one
-- signed delta (rating's upsert changes quantities, not keys: its delta has the same keys and
-- lines ± 0, so one upsert instead of a subtract and an add). Rows that reach lines = 0 are
-- deleted, only when an upsert returned one at zero (DELETE, or an UPDATE that moved lines).
-- Upserts go in key order so that two concurrent statements lock shared rows in the same order.
CREATE OR REPLACE FUNCTION "rated_usage_daily_apply"() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  daily_emptied boolean;
  monthly_emptied boolean;
BEGIN
  -- Transition tables exist only for the operations that have them, so each branch names its own.
  IF TG_OP = 'INSERT' THEN
    WITH delta AS (
      SELECT "azureSubscriptionId", "usageDate", "registrationId", "commerceMeterId", "localMeterId", "localSubscriptionId",
             "unregisteredTenant", COALESCE("currency", '') AS "currency",
             sum((COALESCE(floor("unitPrice" * "quantity" * 1::numeric * 100), 0) * 0.01)::numeric(40,2)) AS "total",
             sum("quantity") AS "quantity", count(*)::int AS "lines"
        FROM new_rows
       GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ), daily AS (
      INSERT INTO "RatedUsageDaily" AS d ("azureSubscriptionId", "usageDate", "registrationId", "commerceMeterId", "localMeterId",
                                          "localSubscriptionId", "unregisteredTenant", "currency", "total", "quantity", "lines")
      SELECT * FROM delta ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
      ON CONFLICT ("azureSubscriptionId", "usageDate", "registrationId", "commerceMeterId", "localMeterId", "localSubscriptionId", "unregisteredTenant", "currency")
      DO UPDATE SET "total" = d."total" + EXCLUDED."total", "quantity" = d."quantity" + EXCLUDED."quantity", "lines" = d."lines" + EXCLUDED."lines"
    )
    INSERT INTO "RatedUsageMonthly" AS m ("period", "azureSubscriptionId", "registrationId", "localSubscriptionId", "unregisteredTenant", "currency", "total", "lines")
    SELECT date_trunc('month', "usageDate"::timestamp)::date, "azureSubscriptionId", "registrationId", "localSubscriptionId", "unregisteredTenant",
           "currency", sum("total"), sum("lines")::int
      FROM delta GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ("period", "azureSubscriptionId", "registrationId", "localSubscriptionId", "unregisteredTenant", "currency")
    DO UPDATE SET "total" = m."total" + EXCLUDED."total", "lines" = m."lines" + EXCLUDED."lines";
    RETURN NULL;
  END IF;

  IF TG_OP = 'UPDATE' THEN
    WITH delta AS (
      SELECT "azureSubscriptionId", "usageDate", "registrationId", "commerceMeterId", "localMeterId", "localSubscriptionId",
             "unregisteredTenant", "currency", sum("total") AS "total", sum("quantity") AS "quantity", sum("lines")::int AS "lines"
        FROM (SELECT "azureSubscriptionId", "usageDate", "registrationId", "commerceMeterId", "localMeterId", "localSubscriptionId",
                     "unregisteredTenant", COALESCE("currency", '') AS "currency",
                     (COALESCE(floor("unitPrice" * "quantity" * 1::numeric * 100), 0) * 0.01)::numeric(40,2) AS "total", "quantity", 1 AS "lines"
                FROM new_rows
              UNION ALL
              SELECT "azureSubscriptionId", "usageDate", "registrationId", "commerceMeterId", "localMeterId", "localSubscriptionId",
                     "unregisteredTenant", COALESCE("currency", ''),
                     -(COALESCE(floor("unitPrice" * "quantity" * 1::numeric * 100), 0) * 0.01)::numeric(40,2), -"quantity", -1
                FROM old_rows) signed
       GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
      HAVING sum("lines") <> 0 OR sum("total") <> 0 OR sum("quantity") <> 0
    ), daily AS (
      INSERT INTO "RatedUsageDaily" AS d ("azureSubscriptionId", "usageDate", "registrationId", "commerceMeterId", "localMeterId",
                                          "localSubscriptionId", "unregisteredTenant", "currency", "total", "quantity", "lines")
      SELECT * FROM delta ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
      ON CONFLICT ("azureSubscriptionId", "usageDate", "registrationId", "commerceMeterId", "localMeterId", "localSubscriptionId", "unregisteredTenant", "currency")
      DO UPDATE SET "total" = d."total" + EXCLUDED."total", "quantity" = d."quantity" + EXCLUDED."quantity", "lines" = d."lines" + EXCLUDED."lines"
      RETURNING d."lines" = 0 AS "emptied"
    ), monthly AS (
      INSERT INTO "RatedUsageMonthly" AS m ("period", "azureSubscriptionId", "registrationId", "localSubscriptionId", "unregisteredTenant", "currency", "total", "lines")
      SELECT date_trunc('month', "usageDate"::timestamp)::date, "azureSubscriptionId", "registrationId", "localSubscriptionId", "unregisteredTenant",
             "currency", sum("total"), sum("lines")::int
        FROM delta GROUP BY 1, 2, 3, 4, 5, 6
       HAVING sum("lines") <> 0 OR sum("total") <> 0
       ORDER BY 1, 2, 3, 4, 5, 6
      ON CONFLICT ("period", "azureSubscriptionId", "registrationId", "localSubscriptionId", "unregisteredTenant", "currency")
      DO UPDATE SET "total" = m."total" + EXCLUDED."total", "lines" = m."lines" + EXCLUDED."lines"
      RETURNING m."lines" = 0 AS "emptied"
    )
    SELECT (SELECT COALESCE(bool_or("emptied"), false) FROM daily), (SELECT COALESCE(bool_or("emptied"), false) FROM monthly)
      INTO daily_emptied, monthly_emptied;
  ELSE -- DELETE
    WITH delta AS (
      SELECT "azureSubscriptionId", "usageDate", "registrationId", "commerceMeterId", "localMeterId", "localSubscriptionId",
             "unregisteredTenant", COALESCE("currency", '') AS "currency",
             -sum((COALESCE(floor("unitPrice" * "quantity" * 1::numeric * 100), 0) * 0.01)::numeric(40,2)) AS "total",
             -sum("quantity") AS "quantity", -count(*)::int AS "lines"
        FROM old_rows
       GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ), daily AS (
      INSERT INTO "RatedUsageDaily" AS d ("azureSubscriptionId", "usageDate", "registrationId", "commerceMeterId", "localMeterId",
                                          "localSubscriptionId", "unregisteredTenant", "currency", "total", "quantity", "lines")
      SELECT * FROM delta ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
      ON CONFLICT ("azureSubscriptionId", "usageDate", "registrationId", "commerceMeterId", "localMeterId", "localSubscriptionId", "unregisteredTenant", "currency")
      DO UPDATE SET "total" = d."total" + EXCLUDED."total", "quantity" = d."quantity" + EXCLUDED."quantity", "lines" = d."lines" + EXCLUDED."lines"
      RETURNING d."lines" = 0 AS "emptied"
    ), monthly AS (
      INSERT INTO "RatedUsageMonthly" AS m ("period", "azureSubscriptionId", "registrationId", "localSubscriptionId", "unregisteredTenant", "currency", "total", "lines")
      SELECT date_trunc('month', "usageDate"::timestamp)::date, "azureSubscriptionId", "registrationId", "localSubscriptionId", "unregisteredTenant",
             "currency", sum("total"), sum("lines")::int
        FROM delta GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
      ON CONFLICT ("period", "azureSubscriptionId", "registrationId", "localSubscriptionId", "unregisteredTenant", "currency")
      DO UPDATE SET "total" = m."total" + EXCLUDED."total", "lines" = m."lines" + EXCLUDED."lines"
      RETURNING m."lines" = 0 AS "emptied"
    )
    SELECT (SELECT COALESCE(bool_or("emptied"), false) FROM daily), (SELECT COALESCE(bool_or("emptied"), false) FROM monthly)
      INTO daily_emptied, monthly_emptied;
  END IF;

  -- Keys whose lines are all gone (re-rating moved or deleted them) disappear instead of lingering
  -- at zero: separate statements (the upserts above aren't visible to their own statement), run
  -- only when an upsert returned a row at zero (re-rating a day empties daily rows, rarely a month's).
  IF daily_emptied THEN
    DELETE FROM "RatedUsageDaily" d USING (SELECT DISTINCT "azureSubscriptionId", "usageDate" FROM old_rows) o
     WHERE d."azureSubscriptionId" = o."azureSubscriptionId" AND d."usageDate" = o."usageDate" AND d."lines" = 0;
  END IF;
  IF monthly_emptied THEN
    DELETE FROM "RatedUsageMonthly" m
     USING (SELECT DISTINCT date_trunc('month', "usageDate"::timestamp)::date AS "period", "azureSubscriptionId" FROM old_rows) o
     WHERE m."period" = o."period" AND m."azureSubscriptionId" = o."azureSubscriptionId" AND m."lines" = 0;
  END IF;
  RETURN NULL;
END
$fn$;

-- Every ingest batch updates its subscriptions' month rows in place: room on each page lets those
-- be HOT updates (no new index entries). The table is small (a row per subscription and month).
ALTER TABLE "RatedUsageMonthly" SET (fillfactor = 50);

-- Existing data: the month sums of the daily rollup (itself the FLOORed line amounts).
INSERT INTO "RatedUsageMonthly" ("period", "azureSubscriptionId", "registrationId", "localSubscriptionId", "unregisteredTenant", "currency", "total", "lines")
SELECT date_trunc('month', "usageDate"::timestamp)::date, "azureSubscriptionId", "registrationId", "localSubscriptionId", "unregisteredTenant",
       "currency", sum("total"), sum("lines")::int
  FROM "RatedUsageDaily"
 GROUP BY 1, 2, 3, 4, 5, 6;
