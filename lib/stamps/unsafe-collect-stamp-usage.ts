import "server-only";
// One collection of a connected stamp's usage, as the schedule runs it: take the stamp's lease
// (one collector per stamp across every portal process), sign in, sync local subscriptions, pull
// Hourly usage by reported time from the high-water mark kept in the database, ingest it in-process
// and record the stamp's health (last success, newest usage hour, last error). UNSAFE (unscoped):
// the schedule collects for every partner's connections; nothing here is reachable from a request.
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { getPrisma } from "../db";
import { unsafeIngestUsageBatch } from "../usage/unsafe-ingest-usage-batch";
import { localSubscriptionsBodySchema, unsafeSyncLocalSubscriptions } from "../usage/unsafe-sync-local-subscriptions";
import {
  authenticatedFetch,
  createStampClient,
  DEFAULT_RETRY,
  readStampEndpoints,
  runCollector,
  stampTokenSource,
  stampTransport,
  type CollectorSummary,
  type StateStore,
  type UsageSink,
} from "../usage-collector";
import { openSecret } from "./secret-box";
import { startAlertsAfterIngest } from "../alerts/unsafe-raise-alerts-after-ingest";

/** Longer than any one collection: a crashed holder's lease lapses and another process takes over. */
const LEASE_MINUTES = 15;
const HOLDER = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export type CollectionOutcome =
  { status: "collected"; leasedAt: Date; summary: CollectorSummary } | { status: "busy" } | { status: "failed"; leasedAt: Date; error: string };

export async function unsafeCollectStampUsage(
  registrationId: string,
  options: {
    now?: () => Date;
    log?: (message: string) => void;
    /**
     * The schedule's: only if the stamp's last pull started at or before this time. Checked in the
     * lease itself, so a process that found the stamp due just before another pulled it doesn't pull
     * it a second time in the interval.
     */
    dueBefore?: Date;
  } = {},
): Promise<CollectionOutcome> {
  const prisma = await getPrisma();
  const now = options.now ?? (() => new Date());
  const leasedAt = now();
  const due = options.dueBefore ? { OR: [{ lastPullAt: null }, { lastPullAt: { lte: options.dueBefore } }] } : {};
  // The lease: a conditional UPDATE, atomic on PostgreSQL and PGlite alike.
  const leased = await prisma.stampConnection.updateMany({
    where: { registrationId, AND: [{ OR: [{ leaseUntil: null }, { leaseUntil: { lt: leasedAt } }] }, due] },
    data: { leaseUntil: new Date(leasedAt.getTime() + LEASE_MINUTES * 60_000), leaseHolder: HOLDER, lastPullAt: leasedAt },
  });
  if (leased.count === 0) return { status: "busy" };
  const connection = await prisma.stampConnection.findUniqueOrThrow({ where: { registrationId } });
  try {
    const caPem = connection.caCertificatePem ?? undefined;
    const transport = stampTransport(caPem);
    const endpoints = await readStampEndpoints(connection.armEndpoint, transport);
    const credential = openSecret(connection.credentialCiphertext);
    const principal = {
      tenantId: connection.tenantId,
      clientId: connection.clientId,
      ...(connection.credentialKind === "certificate" ? { certificatePem: credential } : { secret: credential }),
    };
    const stamp = createStampClient({
      stampUrl: connection.armEndpoint,
      providerSubscriptionId: connection.providerSubscriptionId,
      fetch: authenticatedFetch(transport, stampTokenSource(endpoints, principal, caPem)),
      retry: { ...DEFAULT_RETRY, maxAttempts: 3 },
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      log: options.log,
    });
    let newest = connection.newestUsageHour?.getTime() ?? 0;
    const sink: UsageSink = {
      unsafeSyncLocalSubscriptions: async (subscriptions) => {
        // The same checks as the local-subscriptions API applies to a collector's request.
        await unsafeSyncLocalSubscriptions(registrationId, localSubscriptionsBodySchema.parse({ value: subscriptions }));
      },
      push: async (records) => {
        for (const record of records) {
          const start = Date.parse(String((record as { properties?: { usageStartTime?: unknown } }).properties?.usageStartTime ?? ""));
          if (Number.isFinite(start) && start > newest) newest = start;
        }
        return unsafeIngestUsageBatch(registrationId, records, { now: now() });
      },
    };
    const state: StateStore = {
      load: async () => {
        const row = await prisma.stampConnection.findUniqueOrThrow({ where: { registrationId }, select: { highWaterMark: true } });
        return row.highWaterMark
          ? {
              version: 1,
              stampUrl: connection.armEndpoint,
              providerSubscriptionId: connection.providerSubscriptionId,
              highWaterMark: row.highWaterMark.toISOString(),
              updatedAt: now().toISOString(),
            }
          : null;
      },
      save: async (saved) => {
        await prisma.stampConnection.update({ where: { registrationId }, data: { highWaterMark: new Date(saved.highWaterMark) }, select: { id: true } });
      },
    };
    const summary = await runCollector({
      stamp,
      sink,
      state,
      stampUrl: connection.armEndpoint,
      providerSubscriptionId: connection.providerSubscriptionId,
      now,
      log: options.log,
    });
    if (summary.accepted + summary.corrected > 0) startAlertsAfterIngest(registrationId);
    await prisma.stampConnection.update({
      where: { registrationId },
      data: { lastSuccessAt: now(), newestUsageHour: newest > 0 ? new Date(newest) : connection.newestUsageHour, leaseUntil: null, leaseHolder: null },
      select: { id: true },
    });
    return { status: "collected", leasedAt, summary };
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 1_000);
    await prisma.stampConnection.update({
      where: { registrationId },
      data: { lastErrorAt: now(), lastError: message, leaseUntil: null, leaseHolder: null },
      select: { id: true },
    });
    return { status: "failed", leasedAt, error: message };
  }
}
