// POST /api/usage/ingest: a stamp's usageAggregates records (hourly; daily with
// ?aggregationGranularity=Daily), authenticated by the registration's ingestion key (the key names
// the registration; the body never does).
import { unsafeIngestUsageBatch, unsafeLoadIngestSetup, MAX_RECORDS_PER_BATCH } from "@/lib/usage/unsafe-ingest-usage-batch";
import { readUsageGranularity } from "@/lib/usage/read-usage-granularity";
import { startAlertsAfterIngest } from "@/lib/alerts/unsafe-raise-alerts-after-ingest";
import { PhaseTimer } from "@/lib/usage/phase-timer";
import { authenticateUsageRequest, readUsageRecords, usageErrorFromException } from "@/lib/usage/read-usage-request";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  try {
    const timer = new PhaseTimer();
    const identity = await authenticateUsageRequest(request);
    if (identity instanceof Response) return identity;
    const granularity = readUsageGranularity(request.url);
    timer.lap("auth");
    // The registration and gateway context load while the body is read and decompressed.
    const setup = unsafeLoadIngestSetup(identity.registrationId);
    setup.catch(() => undefined); // awaited below; a body error may come first
    // More than MAX_RECORDS_PER_BATCH records: 413 TooManyRecords, found as the body is read.
    const records = await readUsageRecords(request, MAX_RECORDS_PER_BATCH, timer);
    const { batchId, ...result } = await unsafeIngestUsageBatch(identity.registrationId, records, {
      ingestionKeyId: identity.keyId,
      timer,
      setup,
      granularity,
    });
    if (result.accepted + result.corrected > 0) startAlertsAfterIngest(identity.registrationId);
    return Response.json(result, { status: 200, headers: { "x-usage-batch-id": batchId, "server-timing": timer.header() } });
  } catch (error) {
    return usageErrorFromException(error);
  }
}
