// Next calls register() once when a server process starts: background work of the portal starts
// here (Node.js runtime only; the modules are loaded lazily so the edge bundle never sees them).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { schedulePriceImportCleanup } = await import("./lib/pricing/schedule-price-import-cleanup");
  schedulePriceImportCleanup();
}
