// A running price list import's sign of life: the versions this process is importing (never
// cleaned up by abandonDeadPriceImports in this process), and a heartbeat renewing the version's
// heartbeatAt for the other processes sharing the database. Not "server-only": stagePriceList
// (which the benchmark runs) starts it.
import type { PrismaClient } from "../../generated/prisma/client";

/** How often a running import renews its heartbeat. */
export const PRICE_IMPORT_HEARTBEAT_MS = 15_000;

const globalForImports = globalThis as unknown as { stackcenterRunningPriceImports?: Set<string> };
const running = (globalForImports.stackcenterRunningPriceImports ??= new Set<string>());

/** The versions this process is importing right now. */
export const RUNNING_PRICE_IMPORTS: ReadonlySet<string> = running;

/**
 * Marks `versionId` as being imported by this process and renews its heartbeat until the returned
 * stop() is called. A renewal is skipped while the previous one is still waiting (on PGlite a
 * query waits for the import's COPY transaction: the in-process set covers that time). The timer
 * doesn't keep the process alive.
 */
export function startPriceImportHeartbeat(prisma: Pick<PrismaClient, "priceListVersion">, versionId: string): () => void {
  running.add(versionId);
  let pending = false;
  const beat = () => {
    if (pending) return;
    pending = true;
    prisma.priceListVersion
      .updateMany({ where: { id: versionId, status: "IMPORTING" }, data: { heartbeatAt: new Date() } })
      .catch(() => {})
      .finally(() => (pending = false));
  };
  const timer = setInterval(beat, PRICE_IMPORT_HEARTBEAT_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    running.delete(versionId);
  };
}
