// POST /api/usage/ingest: a stamp's hourly usageAggregates records, authenticated by the
// registration's ingestion key (the key names the registration; the body never does).
import { ingestUsageBatch, MAX_RECORDS_PER_BATCH } from "@/lib/usage/ingest-usage-batch";
import { PhaseTimer } from "@/lib/usage/phase-timer";
import { authenticateUsageRequest, readUsageRecords, usageError, usageErrorFromException } from "@/lib/usage/read-usage-request";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  try {
    const timer = new PhaseTimer();
    const identity = await authenticateUsageRequest(request);
    if (identity instanceof Response) return identity;
    timer.lap("auth");
    const records = await readUsageRecords(request, timer);
    if (records.length > MAX_RECORDS_PER_BATCH) {
      return usageError(413, "TooManyRecords", `At most ${MAX_RECORDS_PER_BATCH} records per request; got ${records.length}. Split the batch.`);
    }
    const { batchId, ...result } = await ingestUsageBatch(identity.registrationId, records, { ingestionKeyId: identity.keyId, timer });
    return Response.json(result, { status: 200, headers: { "x-usage-batch-id": batchId, "server-timing": timer.header() } });
  } catch (error) {
    return usageErrorFromException(error);
  }
}
