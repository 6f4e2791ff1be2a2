// Demo usage history: "the demo seed fills 60+ days through this same path". For each demo
// registration that reports usage (pay-as-you-use, and the Capacity stamp, whose usage is recorded
// but never rated), a simulated stamp (lib/stamp-simulator) is read by the real collector
// (lib/usage-collector) — local subscriptions, reported-time windows, paging, batches — in-process:
// the stamp's handler stands in for fetch and the sink writes through the ingest service, so the
// demo history took exactly the route a real stamp's usage takes. Runs after the main seed
// transaction, only on a freshly seeded database (scripts/db.ts setup).
import { register } from "node:module";
import type { Database } from "../../lib/database/open-database";
import { buildWorld, createStampApi, DAY_MS, guidFor, type SimulatorTenant, type StampWorld } from "../../lib/stamp-simulator";
import { createStampClient, memoryStateStore, runCollector, type CollectorSummary, type FetchLike, type UsageSink } from "../../lib/usage-collector";
import { DEMO_CUSTOMERS, DEMO_PARTNERS, DEMO_SUBSCRIPTIONS, type DemoPartnerKey } from "./demo-data";
import { DEMO_REGISTRATIONS, type DemoRegistration } from "./registrations-demo";

export const DEMO_USAGE_DAYS = 62;
const DEMO_SEED = "stackcenter-demo-usage";
const STAMP_ORIGIN = "http://stamp.demo.local";

function registrationByKey(key: string): DemoRegistration {
  const registration = DEMO_REGISTRATIONS.find((row) => row.key === key);
  if (!registration) throw new Error(`no demo registration ${key} (${DEMO_REGISTRATIONS.map((row) => row.key).join(", ")})`);
  return registration;
}

/** The stamp's default provider subscription (its own, not an Azure subscription). */
export function demoProviderSubscriptionId(registrationKey: string): string {
  return guidFor(`${DEMO_SEED}:provider:${registrationKey}`);
}

/** Customers on the stamp: the tenants registered on it, plus 1 (Capacity: 2; a stamp without tenants: 0) of the partner's customers that aren't (their usage goes to the default subscription). */
export function demoStampTenants(registrationKey: string): SimulatorTenant[] {
  const registration = registrationByKey(registrationKey);
  const registeredCustomerIds = registration.customerSubscriptionIds.map((id) => DEMO_SUBSCRIPTIONS.find((row) => row.id === id)?.customerId);
  const registered = DEMO_CUSTOMERS.filter((customer) => registeredCustomerIds.includes(customer.id));
  // A distributor's stamp hosts its resellers' customers; a direct CSP's hosts its own.
  const owners = new Set<DemoPartnerKey>(
    (Object.keys(DEMO_PARTNERS) as DemoPartnerKey[]).filter(
      (key) => key === registration.partnerKey || DEMO_PARTNERS[key].parentId === DEMO_PARTNERS[registration.partnerKey].id,
    ),
  );
  // A stamp still waiting for multi-tenancy approval hosts only the operator's own usage.
  const unregisteredCount = registration.billingModel === "CAPACITY" ? 2 : registered.length > 0 ? 1 : 0;
  const unregistered = DEMO_CUSTOMERS.filter((customer) => owners.has(customer.partnerKey) && !registered.includes(customer))
    .filter(
      (customer) =>
        !DEMO_REGISTRATIONS.some((row) => row.customerSubscriptionIds.some((id) => DEMO_SUBSCRIPTIONS.find((s) => s.id === id)?.customerId === customer.id)),
    )
    .slice(registered.length % 3, (registered.length % 3) + unregisteredCount);
  return [...registered, ...unregistered].map((customer) => ({ tenantId: customer.tenantId, displayName: customer.companyName }));
}

export interface DemoUsageOptions {
  /** Where each registration's usage is delivered; the default goes through the ingest service. */
  sinkFor?: (registrationId: string, database: Database) => UsageSink | Promise<UsageSink>;
  /** End of the history (exclusive); default: today 00:00 UTC, so the history ends yesterday. */
  until?: Date;
  days?: number;
  log?: (message: string) => void;
}

/** The registrations that get a history: every pay-as-you-use stamp and the Capacity one. */
export function demoUsageRegistrations(): DemoRegistration[] {
  return DEMO_REGISTRATIONS.filter((row) => row.billingModel === "PAY_AS_YOU_USE" || row.billingModel === "CAPACITY");
}

/**
 * lib/usage is written for Next's server bundle and imports "server-only", which throws anywhere
 * else. `scripts/db.ts setup` runs under plain tsx, so resolve that marker to an empty module
 * (what Next's react-server condition does) before loading the ingest service.
 */
let serverOnlyAllowed = false;
function allowServerOnlyImports(): void {
  if (serverOnlyAllowed) return;
  serverOnlyAllowed = true;
  const hook = `export async function resolve(specifier, context, next) {
    return specifier === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : next(specifier, context);
  }`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}

/** The batch's ingest time: the end of its latest usage hour, as if collected hourly in real time (so only late records are re-dated). */
function ingestTime(records: unknown[], fallback: Date): Date {
  let latest = 0;
  for (const record of records) {
    const end = Date.parse((record as { properties?: { usageEndTime?: string } }).properties?.usageEndTime ?? "");
    if (end > latest) latest = end;
  }
  return latest > 0 ? new Date(latest) : fallback;
}

/** Delivers through the portal's own ingest service (what POST /api/usage/ingest calls), on `database`. */
export async function ingestServiceSink(registrationId: string, database: Database, until: Date): Promise<UsageSink> {
  allowServerOnlyImports();
  const { setDatabaseForTests } = await import("../../lib/db");
  // The ingest service reads lib/db's process database: point it at the one being seeded (PGlite
  // allows one owner per folder, so it must not open its own).
  setDatabaseForTests(database);
  const { unsafeIngestUsageBatch } = await import("../../lib/usage/unsafe-ingest-usage-batch");
  const { unsafeSyncLocalSubscriptions, localSubscriptionsBodySchema } = await import("../../lib/usage/unsafe-sync-local-subscriptions");
  return {
    async unsafeSyncLocalSubscriptions(subscriptions) {
      await unsafeSyncLocalSubscriptions(registrationId, localSubscriptionsBodySchema.parse({ value: subscriptions }));
    },
    push: (records) => unsafeIngestUsageBatch(registrationId, records, { now: ingestTime(records, until) }),
  };
}

/** The simulated stamp behind a demo registration (the e2e test and the ground-truth test rebuild it). */
export function demoStampWorld(registration: DemoRegistration, until: Date, days = DEMO_USAGE_DAYS): StampWorld {
  return buildWorld({
    seed: `${DEMO_SEED}:${registration.key}`,
    providerSubscriptionId: demoProviderSubscriptionId(registration.key),
    operatorTenantId: guidFor(`${DEMO_SEED}:operator:${registration.partnerKey}`),
    tenants: demoStampTenants(registration.key),
    days,
    anchor: until,
    // Fewer, larger resources keep the whole history near 130k records (first `npm start`).
    vmsPerSubscription: 2,
    maxSubscriptionsPerTenant: 1,
  });
}

export async function seedDemoUsageHistory(database: Database, options: DemoUsageOptions = {}): Promise<Map<string, CollectorSummary>> {
  const until = options.until ?? new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);
  const days = options.days ?? DEMO_USAGE_DAYS;
  const summaries = new Map<string, CollectorSummary>();
  for (const registration of demoUsageRegistrations()) {
    const started = Date.now();
    const providerSubscriptionId = demoProviderSubscriptionId(registration.key);
    const world = demoStampWorld(registration, until, days);
    const api = createStampApi({ world, now: () => until });
    const stampFetch: FetchLike = (url, init) => api(new Request(url, init));
    const sink = await (options.sinkFor ? options.sinkFor(registration.id, database) : ingestServiceSink(registration.id, database, until));
    const summary = await runCollector({
      stamp: createStampClient({
        stampUrl: STAMP_ORIGIN,
        providerSubscriptionId,
        fetch: stampFetch,
        retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
        sleep: async () => {},
      }),
      sink,
      state: memoryStateStore(),
      stampUrl: STAMP_ORIGIN,
      providerSubscriptionId,
      from: new Date(world.usageStart),
      now: () => until,
      // A day per window, ingested "at" the window's end like an hourly collector: older records
      // in a window would otherwise be re-dated by the gateway.
      windowHours: 24,
    });
    options.log?.(
      `${registration.stampName}: ${summary.records} usage records over ${days} days (${summary.accepted} accepted, ${summary.rejected} rejected) in ${Date.now() - started} ms`,
    );
    summaries.set(registration.key, summary);
  }
  return summaries;
}
