// Starts the automatic month-end close in the server process (instrumentation.ts): every
// PERIOD_CLOSE_CHECK_MINUTES (default 15) it asks the portal's own trigger (POST
// /api/periods/close-due, with the close trigger token) to close the periods that are due. Going
// through the route keeps the close inside Next's server bundle, where the data modules run. Not
// "server-only": Next loads instrumentation.ts outside that bundle.
import { closeTriggerToken } from "./close-trigger-token";

const globalForSchedule = globalThis as unknown as { stackcenterPeriodClose?: NodeJS.Timeout };

export function schedulePeriodClose(): void {
  if (globalForSchedule.stackcenterPeriodClose) return;
  const minutes = Number(process.env.PERIOD_CLOSE_CHECK_MINUTES ?? "15");
  // Between 5 s and a day (setInterval overflows past ~24.8 days and would then fire every millisecond).
  const checkMs = Math.min(24 * 3600_000, Math.max(5_000, (Number.isFinite(minutes) && minutes > 0 ? minutes : 15) * 60_000));
  const origin = `http://${(process.env.HOST ?? "127.0.0.1").replace("0.0.0.0", "127.0.0.1")}:${process.env.PORT ?? "3000"}`;
  const run = async () => {
    const token = closeTriggerToken();
    if (!token) return;
    try {
      const response = await fetch(`${origin}/api/periods/close-due`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
      if (!response.ok) console.warn(`Period close trigger answered ${response.status}.`);
    } catch (error) {
      console.warn("Period close trigger failed:", error instanceof Error ? error.message : error);
    }
  };
  const timer = setInterval(() => void run(), checkMs);
  timer.unref();
  globalForSchedule.stackcenterPeriodClose = timer;
}
