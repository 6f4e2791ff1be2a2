// `npm run usage:purge`: deletes raw usage records older than 180 days (rated lines are kept).
// Run it daily (cron / scheduled task) against the same DATABASE_URL / PGLITE_DIR as the portal;
// with embedded PGlite, stop the portal first (one process may own the data folder).
import { databaseOptionsFromEnv, openDatabase } from "../lib/database/open-database";
import { purgeUsageRecords, USAGE_RECORD_RETENTION_DAYS } from "../lib/usage/purge-usage-records";

const database = await openDatabase(databaseOptionsFromEnv());
try {
  const { deleted, cutoff } = await purgeUsageRecords(database.sql);
  console.log(`purged ${deleted} usage records that started before ${cutoff.toISOString()} (retention ${USAGE_RECORD_RETENTION_DAYS} days)`);
} finally {
  await database.close();
}
