// Runs abandonDeadPriceImports when the server starts and then hourly, in the server process
// (instrumentation.ts). Several portal processes may each run it: the cleanup itself makes sure
// only one cleans at a time and never touches a running import. Not "server-only": Next loads
// instrumentation.ts outside the React server bundle, where the guard's import would throw.
import { getDatabase } from "../db";
import { abandonDeadPriceImports } from "./abandon-dead-price-imports";

export const PRICE_IMPORT_CLEANUP_INTERVAL_MS = 60 * 60 * 1000;

const globalForCleanup = globalThis as unknown as { stackcenterPriceImportCleanup?: NodeJS.Timeout };

/** Starts the schedule once per process (a second call does nothing); the timer doesn't keep the process alive. */
export function schedulePriceImportCleanup(): void {
  if (globalForCleanup.stackcenterPriceImportCleanup) return;
  const run = async () => {
    try {
      for (const dead of await abandonDeadPriceImports(await getDatabase())) {
        console.warn(
          `Abandoned the price list import of ${dead.sourceFileName} (version ${dead.versionId}, started ${dead.importedAt.toISOString()}): ${dead.reason}.`,
        );
      }
    } catch (error) {
      console.error("Price list import cleanup failed:", error instanceof Error ? error.message : error);
    }
  };
  const timer = setInterval(() => void run(), PRICE_IMPORT_CLEANUP_INTERVAL_MS);
  timer.unref();
  globalForCleanup.stackcenterPriceImportCleanup = timer;
  void run();
}
