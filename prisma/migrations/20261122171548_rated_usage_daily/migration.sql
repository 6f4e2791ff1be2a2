-- CreateTable
CREATE TABLE "RatedUsageDaily" (
    "azureSubscriptionId" UUID NOT NULL,
    "usageDate" DATE NOT NULL,
    "registrationId" TEXT NOT NULL,
    "commerceMeterId" UUID NOT NULL,
    "localMeterId" UUID NOT NULL,
    "localSubscriptionId" TEXT NOT NULL,
    "unregisteredTenant" BOOLEAN NOT NULL,
    "currency" TEXT NOT NULL DEFAULT '',
    "total" DECIMAL(40,2) NOT NULL,
    "quantity" DECIMAL(38,10) NOT NULL,
    "lines" INTEGER NOT NULL,

    CONSTRAINT "RatedUsageDaily_pkey" PRIMARY KEY ("azureSubscriptionId","usageDate","registrationId","commerceMeterId","localMeterId","localSubscriptionId","unregisteredTenant","currency")
);

-- Maintained from RatedUsageLine by statement-level triggers (transition tables), whoever writes
-- the lines (rating's upsert, re-rating's delete + insert, fixtures, manual fixes): each statement
-- adds the per-key sums of its new rows and subtracts those of its old rows. The amount is each
-- line's FLOOR(unitPrice × quantity × 1, 2) exactly as lib/recon (reconLineTotal); 0 when unpriced.
CREATE FUNCTION "rated_usage_daily_apply"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO "RatedUsageDaily" AS d ("azureSubscriptionId", "usageDate", "registrationId", "commerceMeterId", "localMeterId",
                                        "localSubscriptionId", "unregisteredTenant", "currency", "total", "quantity", "lines")
    SELECT "azureSubscriptionId", "usageDate", "registrationId", "commerceMeterId", "localMeterId", "localSubscriptionId",
           "unregisteredTenant", COALESCE("currency", ''),
           -sum((COALESCE(floor("unitPrice" * "quantity" * 1::numeric * 100), 0) * 0.01)::numeric(40,2)), -sum("quantity"), -count(*)::int
      FROM old_rows
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT ("azureSubscriptionId", "usageDate", "registrationId", "commerceMeterId", "localMeterId", "localSubscriptionId", "unregisteredTenant", "currency")
    DO UPDATE SET "total" = d."total" + EXCLUDED."total", "quantity" = d."quantity" + EXCLUDED."quantity", "lines" = d."lines" + EXCLUDED."lines";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "RatedUsageDaily" AS d ("azureSubscriptionId", "usageDate", "registrationId", "commerceMeterId", "localMeterId",
                                        "localSubscriptionId", "unregisteredTenant", "currency", "total", "quantity", "lines")
    SELECT "azureSubscriptionId", "usageDate", "registrationId", "commerceMeterId", "localMeterId", "localSubscriptionId",
           "unregisteredTenant", COALESCE("currency", ''),
           sum((COALESCE(floor("unitPrice" * "quantity" * 1::numeric * 100), 0) * 0.01)::numeric(40,2)), sum("quantity"), count(*)::int
      FROM new_rows
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT ("azureSubscriptionId", "usageDate", "registrationId", "commerceMeterId", "localMeterId", "localSubscriptionId", "unregisteredTenant", "currency")
    DO UPDATE SET "total" = d."total" + EXCLUDED."total", "quantity" = d."quantity" + EXCLUDED."quantity", "lines" = d."lines" + EXCLUDED."lines";
  END IF;
  -- Keys whose lines are all gone (re-rating moved them) disappear instead of lingering at zero.
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM "RatedUsageDaily" d USING (SELECT DISTINCT "azureSubscriptionId", "usageDate" FROM old_rows) o
     WHERE d."azureSubscriptionId" = o."azureSubscriptionId" AND d."usageDate" = o."usageDate" AND d."lines" = 0;
  END IF;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER "RatedUsageLine_daily_insert" AFTER INSERT ON "RatedUsageLine"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "rated_usage_daily_apply"();
CREATE TRIGGER "RatedUsageLine_daily_update" AFTER UPDATE ON "RatedUsageLine"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "rated_usage_daily_apply"();
CREATE TRIGGER "RatedUsageLine_daily_delete" AFTER DELETE ON "RatedUsageLine"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "rated_usage_daily_apply"();

-- Existing lines.
INSERT INTO "RatedUsageDaily" ("azureSubscriptionId", "usageDate", "registrationId", "commerceMeterId", "localMeterId",
                               "localSubscriptionId", "unregisteredTenant", "currency", "total", "quantity", "lines")
SELECT "azureSubscriptionId", "usageDate", "registrationId", "commerceMeterId", "localMeterId", "localSubscriptionId",
       "unregisteredTenant", COALESCE("currency", ''),
       sum((COALESCE(floor("unitPrice" * "quantity" * 1::numeric * 100), 0) * 0.01)::numeric(40,2)), sum("quantity"), count(*)::int
  FROM "RatedUsageLine"
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
