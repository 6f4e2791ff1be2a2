// Collects a stamp's usage into the portal (see lib/usage-collector):
//   npm run collector -- --stamp http://127.0.0.1:4600 --ingest http://localhost:3000 --key <ingestion key>
//     [--provider-subscription <guid>] [--from 2026-11-01T00:00:00Z] [--state-file .data/collector-state.json]
//     [--window-hours 24] [--batch 50000]
// --provider-subscription is the stamp's default provider subscription (the admin APIs' path
// segment; the simulator prints it). The key may also come from STACKCENTER_INGESTION_KEY.
import { parseArgs } from "node:util";
import { createStampClient, DEFAULT_RETRY, fileStateStore, httpUsageSink, runCollector } from "../lib/usage-collector";

async function main() {
  const { values } = parseArgs({
    options: {
      stamp: { type: "string" },
      ingest: { type: "string" },
      key: { type: "string" },
      "provider-subscription": { type: "string" },
      from: { type: "string" },
      "state-file": { type: "string", default: ".data/collector-state.json" },
      "window-hours": { type: "string", default: "24" },
      batch: { type: "string", default: "50000" },
    },
  });
  const stampUrl = values.stamp;
  const portalUrl = values.ingest;
  const key = values.key ?? process.env.STACKCENTER_INGESTION_KEY;
  const providerSubscriptionId = values["provider-subscription"];
  if (!stampUrl || !portalUrl || !key || !providerSubscriptionId) {
    throw new Error("usage: npm run collector -- --stamp <url> --ingest <portal url> --key <ingestion key> --provider-subscription <guid> [--from <ISO>] [--state-file <path>]");
  }
  const from = values.from ? new Date(values.from) : undefined;
  if (from && Number.isNaN(from.getTime())) throw new Error(`--from ${values.from} is not a date`);
  const log = (message: string) => console.log(`${new Date().toISOString()} ${message}`);
  const summary = await runCollector({
    stamp: createStampClient({ stampUrl, providerSubscriptionId, fetch, retry: DEFAULT_RETRY, sleep: (ms) => new Promise((r) => setTimeout(r, ms)), log }),
    sink: httpUsageSink({ portalUrl, key, fetch }),
    state: fileStateStore(values["state-file"]),
    stampUrl,
    providerSubscriptionId,
    from,
    windowHours: Number(values["window-hours"]),
    maxBatch: Number(values.batch),
    log,
  });
  console.log(JSON.stringify(summary));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
