// Runs the partition upkeep and the raw usage retention when the server starts and then daily, in
// the server process (instrumentation.ts): partitions of the current month and the next two exist
// before any usage arrives for them, and months past 180 days are dropped. Several portal processes
// may each run it: the upkeep and the month drops take turns on an advisory lock, and the row purge
// of the boundary month deletes each row once whoever runs it. Not "server-only": Next loads
// instrumentation.ts outside the React server bundle, where the guard's import would throw.
import { getDatabase } from "../db";
import { purgeUsageRecords } from "../usage/purge-usage-records";
import { unsafeMaintainUsagePartitions } from "./unsafe-maintain-usage-partitions";

export const PARTITION_UPKEEP_INTERVAL_MS = 24 * 60 * 60 * 1000;

const globalForUpkeep = globalThis as unknown as { stackcenterPartitionUpkeep?: NodeJS.Timeout };

/** Starts the schedule once per process (a second call does nothing); the timer doesn't keep the process alive. */
export function schedulePartitionUpkeep(): void {
  if (globalForUpkeep.stackcenterPartitionUpkeep) return;
  const run = async () => {
    try {
      const database = await getDatabase();
      const { created, moved } = await unsafeMaintainUsagePartitions(database.sql);
      if (created.length > 0) console.log(`Created usage partitions ${created.join(", ")} (${moved} rows moved out of DEFAULT).`);
      const { deleted, droppedPartitions } = await purgeUsageRecords(database.sql);
      if (droppedPartitions.length > 0 || deleted > 0) {
        console.log(`Usage retention: dropped ${droppedPartitions.join(", ") || "no month"}, deleted ${deleted} records past 180 days.`);
      }
    } catch (error) {
      console.error("Partition upkeep failed:", error instanceof Error ? error.message : error);
    }
  };
  const timer = setInterval(() => void run(), PARTITION_UPKEEP_INTERVAL_MS);
  timer.unref();
  globalForUpkeep.stackcenterPartitionUpkeep = timer;
  void run();
}
