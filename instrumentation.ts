// Next calls register() once when a server process starts: background work of the portal starts
// here (Node.js runtime only; the modules are loaded lazily so the edge bundle never sees them).
// Not while `next build` prerenders: the build's workers must not open the database (the embedded
// PGlite folder has one owner at a time).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { schedulePriceImportCleanup } = await import("./lib/pricing/schedule-price-import-cleanup");
  schedulePriceImportCleanup();
  const { scheduleStampCollection } = await import("./lib/stamps/schedule-stamp-collection");
  scheduleStampCollection();
  const { schedulePeriodClose } = await import("./lib/periods/schedule-period-close");
  schedulePeriodClose();
  const { scheduleAlertWebhookRetries } = await import("./lib/alerts/schedule-alert-webhook-retries");
  scheduleAlertWebhookRetries();
}
