// Starts stamp collection in the server process (instrumentation.ts): every few minutes it asks the
// portal's own trigger (POST /api/stamps/collect, with the collection token) to collect the stamps
// that are due (STAMP_COLLECTION_INTERVAL_MINUTES, default hourly). Going through the route keeps
// the collection inside Next's server bundle, where the data modules run. Not "server-only": Next
// loads instrumentation.ts outside that bundle.
import { collectionToken } from "./collection-token";

const globalForSchedule = globalThis as unknown as { stackcenterStampCollection?: NodeJS.Timeout };

export function scheduleStampCollection(): void {
  if (globalForSchedule.stackcenterStampCollection) return;
  const interval = Number(process.env.STAMP_COLLECTION_INTERVAL_MINUTES ?? "60");
  // Checked more often than the interval, so a new connection or a restart doesn't wait a whole one.
  const checkMs = Math.max(5_000, Math.min(5 * 60_000, (Number.isFinite(interval) && interval > 0 ? interval : 60) * 60_000));
  const origin = `http://${(process.env.HOST ?? "127.0.0.1").replace("0.0.0.0", "127.0.0.1")}:${process.env.PORT ?? "3000"}`;
  const run = async () => {
    const token = collectionToken();
    if (!token) return;
    try {
      const response = await fetch(`${origin}/api/stamps/collect`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
      if (!response.ok) console.warn(`Stamp collection trigger answered ${response.status}.`);
    } catch (error) {
      console.warn("Stamp collection trigger failed:", error instanceof Error ? error.message : error);
    }
  };
  const timer = setInterval(() => void run(), checkMs);
  timer.unref();
  globalForSchedule.stackcenterStampCollection = timer;
}
