// One collector run: sync the stamp's local subscriptions to the portal, then pull usage by REPORTED
// time from the high-water mark to now (rounded down to the hour) in windows, push each window in
// batches of at most `maxBatch` records, and advance the high-water mark only after the portal
// acknowledged every batch of the window. A crash or a failed push therefore re-sends at most one
// window, which the idempotent ingest counts as duplicates: nothing lost, nothing doubled.
import type { IngestResult, UsageSink } from "./ingest-sink";
import { DEFAULT_RETRY, realSleep, withRetry, type RetryPolicy, type Sleep } from "./retry";
import type { StampClient } from "./stamp-client";
import type { StateStore } from "./state";

const HOUR_MS = 3_600_000;
export const MAX_BATCH_RECORDS = 50_000;

export interface CollectorOptions {
  stamp: StampClient;
  sink: UsageSink;
  state: StateStore;
  stampUrl: string;
  providerSubscriptionId: string;
  /** Where to start when there is no state yet (default: 24 hours ago). */
  from?: Date;
  now?: () => Date;
  windowHours?: number;
  maxBatch?: number;
  retry?: RetryPolicy;
  sleep?: Sleep;
  log?: (message: string) => void;
}

export interface CollectorSummary {
  windows: number;
  records: number;
  batches: number;
  accepted: number;
  duplicate: number;
  corrected: number;
  rejected: number;
  highWaterMark: string;
}

function floorHour(epoch: number): number {
  return Math.floor(epoch / HOUR_MS) * HOUR_MS;
}

export async function runCollector(options: CollectorOptions): Promise<CollectorSummary> {
  const now = options.now ?? (() => new Date());
  const retry = options.retry ?? DEFAULT_RETRY;
  const sleep = options.sleep ?? realSleep;
  const log = options.log ?? (() => {});
  const windowMs = (options.windowHours ?? 24) * HOUR_MS;
  const maxBatch = options.maxBatch ?? MAX_BATCH_RECORDS;
  const onRetry = (what: string) => (attempt: number, delay: number, error: unknown) =>
    log(`${what}: ${(error as Error).message}; retry ${attempt} in ${delay} ms`);

  // Local subscriptions first: the portal maps each record's local subscription to its owner.
  const subscriptions = await options.stamp.localSubscriptions();
  await withRetry("sync local subscriptions", retry, sleep, () => options.sink.unsafeSyncLocalSubscriptions(subscriptions), onRetry("sync"));
  log(`synced ${subscriptions.length} local subscriptions`);

  const saved = await options.state.load();
  if (saved && saved.providerSubscriptionId.toLowerCase() !== options.providerSubscriptionId.toLowerCase()) {
    throw new Error(`the state file belongs to provider subscription ${saved.providerSubscriptionId}, not ${options.providerSubscriptionId}`);
  }
  let mark = saved ? Date.parse(saved.highWaterMark) : floorHour((options.from ?? new Date(now().getTime() - 24 * HOUR_MS)).getTime());
  const end = floorHour(now().getTime());
  const summary: CollectorSummary = {
    windows: 0,
    records: 0,
    batches: 0,
    accepted: 0,
    duplicate: 0,
    corrected: 0,
    rejected: 0,
    highWaterMark: new Date(mark).toISOString(),
  };

  while (mark < end) {
    const windowEnd = Math.min(mark + windowMs, end);
    const records = await options.stamp.usageWindow(new Date(mark), new Date(windowEnd));
    for (let offset = 0; offset < records.length; offset += maxBatch) {
      const batch = records.slice(offset, offset + maxBatch);
      const result: IngestResult = await withRetry("push usage", retry, sleep, () => options.sink.push(batch), onRetry("push"));
      summary.batches += 1;
      summary.accepted += result.accepted;
      summary.duplicate += result.duplicate;
      summary.corrected += result.corrected;
      summary.rejected += result.rejected;
      if (result.rejected > 0)
        log(`portal rejected ${result.rejected} of ${batch.length} records (first: ${result.rejections[0]?.code} ${result.rejections[0]?.reason})`);
    }
    // Only now is every record reported before windowEnd acknowledged: persist the new mark.
    mark = windowEnd;
    await options.state.save({
      version: 1,
      stampUrl: options.stampUrl,
      providerSubscriptionId: options.providerSubscriptionId,
      highWaterMark: new Date(mark).toISOString(),
      updatedAt: now().toISOString(),
    });
    summary.windows += 1;
    summary.records += records.length;
    summary.highWaterMark = new Date(mark).toISOString();
    log(`${new Date(windowEnd).toISOString()}: ${records.length} records pushed`);
  }
  return summary;
}
