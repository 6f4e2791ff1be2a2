// Starts the alert webhook retries in the server process (instrumentation.ts): every minute it asks
// the portal's own trigger (POST /api/alerts/deliver-due, with the alert delivery token) to send
// the webhook deliveries that are due: the retries of failed sends (1, 5, 30, 120, 360 minutes
// after) and any first send an ingest's evaluation left behind. Going through the route keeps the
// delivery inside Next's server bundle, where the data modules run. Not "server-only": Next loads
// instrumentation.ts outside that bundle.
import { alertDeliveryToken } from "./alert-delivery-token";

export const ALERT_WEBHOOK_CHECK_MS = 60_000;

const globalForSchedule = globalThis as unknown as { stackcenterAlertWebhooks?: NodeJS.Timeout };

export function scheduleAlertWebhookRetries(): void {
  if (globalForSchedule.stackcenterAlertWebhooks) return;
  const origin = `http://${(process.env.HOST ?? "127.0.0.1").replace("0.0.0.0", "127.0.0.1")}:${process.env.PORT ?? "3000"}`;
  const run = async () => {
    const token = alertDeliveryToken();
    if (!token) return;
    try {
      const response = await fetch(`${origin}/api/alerts/deliver-due`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
      if (!response.ok) console.warn(`Alert webhook trigger answered ${response.status}.`);
    } catch (error) {
      console.warn("Alert webhook trigger failed:", error instanceof Error ? error.message : error);
    }
  };
  const timer = setInterval(() => void run(), ALERT_WEBHOOK_CHECK_MS);
  timer.unref();
  globalForSchedule.stackcenterAlertWebhooks = timer;
}
