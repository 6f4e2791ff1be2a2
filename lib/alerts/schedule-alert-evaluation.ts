// Starts the alerts' periodic work in the server process (instrumentation.ts): every
// ALERT_CHECK_MINUTES (default 1) it asks the portal's own trigger (POST /api/alerts/run-due, with
// the alerts trigger token) to send the webhook deliveries that are due (retries with backoff) and,
// on the first check of each UTC day, to evaluate every partner's alerts. Going through the route
// keeps the work inside Next's server bundle, where the data modules run. Not "server-only": Next
// loads instrumentation.ts outside that bundle.
import { alertsTriggerToken } from "./alerts-trigger-token";

const globalForSchedule = globalThis as unknown as { stackcenterAlerts?: NodeJS.Timeout };

export function scheduleAlertEvaluation(): void {
  if (globalForSchedule.stackcenterAlerts) return;
  const minutes = Number(process.env.ALERT_CHECK_MINUTES ?? "1");
  // Between 5 s and an hour: retries are due 1 minute after a failure at the soonest.
  const checkMs = Math.min(3600_000, Math.max(5_000, (Number.isFinite(minutes) && minutes > 0 ? minutes : 1) * 60_000));
  const origin = `http://${(process.env.HOST ?? "127.0.0.1").replace("0.0.0.0", "127.0.0.1")}:${process.env.PORT ?? "3000"}`;
  const run = async () => {
    const token = alertsTriggerToken();
    if (!token) return;
    try {
      const response = await fetch(`${origin}/api/alerts/run-due`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
      if (!response.ok) console.warn(`Alerts trigger answered ${response.status}.`);
    } catch (error) {
      console.warn("Alerts trigger failed:", error instanceof Error ? error.message : error);
    }
  };
  const timer = setInterval(() => void run(), checkMs);
  timer.unref();
  globalForSchedule.stackcenterAlerts = timer;
}
