-- A usage record's series key starts with 4 bytes of md5 of its registration id (the other 12
-- bytes stay md5 of the series: lib/usage/ingest/domain/usage-series-key.ts), so that within an
-- hour of the primary key ("usageStart", "seriesKey") each registration's records lie together and
-- a batch writes leaf pages of its own. The stored keys are rewritten in place: the same 12 bytes,
-- the registration's 4 in front. A key that already has them is unchanged, hourly and daily alike.
-- Every row gets a new version; `npm run db:migrate` (and `npm start`) VACUUMs the table afterwards
-- (lib/database/vacuum-rewritten-tables.ts), reclaiming the old ones.
UPDATE "UsageRecord"
   SET "seriesKey" = (left(md5("registrationId"), 8) || substr(replace("seriesKey"::text, '-', ''), 9))::uuid
 WHERE left(replace("seriesKey"::text, '-', ''), 8) <> left(md5("registrationId"), 8);
