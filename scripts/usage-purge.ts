// `npm run usage:purge`: drops the monthly partitions of raw usage records wholly older than 180
// days and deletes the older records of the month the cutoff falls in (rated lines are kept). The
// portal runs the same purge daily by itself (lib/partitions/schedule-partition-upkeep.ts); run
// this by hand against the same DATABASE_URL / PGLITE_DIR as the portal (with embedded PGlite,
// stop the portal first: one process may own the data folder).
import { databaseOptionsFromEnv, openDatabase } from "../lib/database/open-database";
import { purgeUsageRecords, USAGE_RECORD_RETENTION_DAYS } from "../lib/usage/purge-usage-records";

const database = await openDatabase(databaseOptionsFromEnv());
try {
  const { deleted, droppedPartitions, cutoff } = await purgeUsageRecords(database.sql);
  const dropped = droppedPartitions.length > 0 ? droppedPartitions.join(", ") : "none";
  console.log(
    `dropped monthly partitions: ${dropped}; deleted ${deleted} more usage records that started before ${cutoff.toISOString()} (retention ${USAGE_RECORD_RETENTION_DAYS} days)`,
  );
} finally {
  await database.close();
}
