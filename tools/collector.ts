// Collects a stamp's usage into the portal (see lib/usage-collector):
//   npm run collector -- --stamp http://127.0.0.1:4600 --ingest http://localhost:3000 --key <ingestion key>
//     [--provider-subscription <guid>] [--from 2026-11-01T00:00:00Z] [--state-file .data/collector-state.json]
//     [--window-hours 24] [--batch 50000]
//     [--tenant <directory id | adfs> --client-id <id> (--client-secret <secret> | --certificate <pem file>)] [--ca <pem file>]
// With a service principal the collector signs in as Microsoft's clients do (the stamp's ARM
// metadata names the identity provider; a real stamp answers only signed-in callers); --ca trusts
// the stamp's own CA for this stamp only. The secret may also come from STAMP_CLIENT_SECRET.
// --provider-subscription is the stamp's default provider subscription (the admin APIs' path
// segment; the simulator prints it). The key may also come from STACKCENTER_INGESTION_KEY.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  authenticatedFetch,
  createStampClient,
  DEFAULT_RETRY,
  fileStateStore,
  httpUsageSink,
  readStampEndpoints,
  runCollector,
  stampTokenSource,
  stampTransport,
  type FetchLike,
} from "../lib/usage-collector";

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
      tenant: { type: "string" },
      "client-id": { type: "string" },
      "client-secret": { type: "string" },
      certificate: { type: "string" },
      ca: { type: "string" },
    },
  });
  const stampUrl = values.stamp;
  const portalUrl = values.ingest;
  const key = values.key ?? process.env.STACKCENTER_INGESTION_KEY;
  const providerSubscriptionId = values["provider-subscription"];
  if (!stampUrl || !portalUrl || !key || !providerSubscriptionId) {
    throw new Error(
      "usage: npm run collector -- --stamp <url> --ingest <portal url> --key <ingestion key> --provider-subscription <guid> [--from <ISO>] [--state-file <path>]",
    );
  }
  const from = values.from ? new Date(values.from) : undefined;
  if (from && Number.isNaN(from.getTime())) throw new Error(`--from ${values.from} is not a date`);
  const log = (message: string) => console.log(`${new Date().toISOString()} ${message}`);
  const caPem = values.ca ? readFileSync(values.ca, "utf8") : undefined;
  const transport = stampTransport(caPem);
  let stampFetch: FetchLike = transport;
  if (values["client-id"]) {
    if (!values.tenant) throw new Error("--tenant (the directory id, or adfs) goes with --client-id");
    const endpoints = await readStampEndpoints(stampUrl, transport);
    log(`stamp: signing in at ${endpoints.loginEndpoint} for ${endpoints.audience}`);
    const principal = {
      tenantId: values.tenant,
      clientId: values["client-id"],
      secret: values["client-secret"] ?? process.env.STAMP_CLIENT_SECRET,
      certificatePem: values.certificate ? readFileSync(values.certificate, "utf8") : undefined,
    };
    stampFetch = authenticatedFetch(transport, stampTokenSource(endpoints, principal, caPem));
  }
  const summary = await runCollector({
    stamp: createStampClient({
      stampUrl,
      providerSubscriptionId,
      fetch: stampFetch,
      retry: DEFAULT_RETRY,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      log,
    }),
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
