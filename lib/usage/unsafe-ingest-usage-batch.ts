import "server-only";
import { randomUUID } from "node:crypto";
import { getDatabase } from "../db";
import { DomainError, notFound } from "../errors";
import { loadKnownMeters, loadRegistrationGateway, type IngestRegistration } from "./load-registration-gateway";
import type { GatewayContext } from "./ingest/domain/gateway/map-usage-record";
import { usageDayCloseHours } from "./ingest/domain/gateway/usage-days";
import { createUsageRowEncoder } from "./ingest/wire/create-usage-row-encoder";
import type { UsageRejection } from "./ingest/domain/create-usage-mapper";
import { storeUsageRows, type UsageEncoderFactory } from "./store-usage-rows";
import { storeRejections } from "./store-rejections";
import type { PhaseTimer } from "./phase-timer";
import { arrayRecordList, type UsageRecordList } from "./ingest/wire/usage-record-list";

import { MAX_USAGE_RECORDS_PER_BATCH } from "./usage-limits";
import { withConflictRetries } from "../database/with-conflict-retries";
import type { SqlTransaction } from "../database/open-database";
import type { UsageGranularity } from "./ingest/domain/parse-usage-record";
import { rejectMixedGranularity } from "./reject-mixed-granularity";

/** Read under the batch's lock: a Daily batch committed just before this one has set it. */
async function registrationHasDailyUsage(tx: SqlTransaction, registrationId: string): Promise<boolean> {
  const { rows } = await tx.query<{ hasDailyUsage: boolean }>(`SELECT "hasDailyUsage" FROM "Registration" WHERE "id" = $1`, [registrationId]);
  return rows[0]?.hasDailyUsage === true;
}

export const MAX_RECORDS_PER_BATCH = MAX_USAGE_RECORDS_PER_BATCH;

export interface IngestResult {
  batchId: string;
  accepted: number;
  duplicate: number;
  corrected: number;
  rejected: number;
  rejections: UsageRejection[];
}

export interface IngestOptions {
  /** The ingest time (default: now): FutureUsage and re-dating are relative to it. Tests and the demo seeder set it. */
  now?: Date;
  /** Default: USAGE_DAY_CLOSE_HOURS or 48. */
  dayCloseHours?: number;
  /** The ingestion key used (audit trail of corrections); null for in-process callers. */
  ingestionKeyId?: string | null;
  /** Collects the duration of each phase (the route answers them in Server-Timing). */
  timer?: PhaseTimer;
  /** The registration and gateway context, when the caller started loading them already (unsafeLoadIngestSetup). */
  setup?: Promise<IngestSetup>;
  /** The records' span (default Hourly): docs/usage-ingest.md "Daily records". */
  granularity?: UsageGranularity;
}

export interface IngestSetup {
  registration: IngestRegistration;
  knownMeters: ReadonlySet<string>;
  context: GatewayContext;
}

/**
 * What a batch needs besides its records: the registration, the meter catalog and the gateway
 * context at `now`. The route starts this as soon as the key is known, so it runs while the body is
 * read and decompressed. Unscoped, like unsafeIngestUsageBatch.
 */
export async function unsafeLoadIngestSetup(registrationId: string, options: Pick<IngestOptions, "now" | "dayCloseHours"> = {}): Promise<IngestSetup> {
  const [knownMeters, loaded] = await Promise.all([
    loadKnownMeters(),
    loadRegistrationGateway(registrationId, options.now ?? new Date(), options.dayCloseHours ?? usageDayCloseHours()),
  ]);
  if (!loaded) throw notFound("Registration");
  const { registration, context } = loaded;
  return { registration, knownMeters, context };
}

/**
 * Ingests one batch of usageAggregates records for a registration: validates, maps through the
 * gateway, upserts idempotently, logs rejections and re-rates the touched days, all in ONE
 * transaction. Unscoped: the caller has already established that the records come from
 * this registration's stamp (the route through its ingestion key; the demo seeder and simulator
 * in-process). Never call it with a registration id taken from the request.
 */
export async function unsafeIngestUsageBatch(
  registrationId: string,
  batch: readonly unknown[] | UsageRecordList,
  options: IngestOptions = {},
): Promise<IngestResult> {
  const started = performance.now();
  // A lazily read body enforces the maximum as it is read (the route's); an array is counted here.
  if (Array.isArray(batch) && batch.length > MAX_RECORDS_PER_BATCH)
    throw new DomainError("TooManyRecords", `At most ${MAX_RECORDS_PER_BATCH} records per batch.`, { status: 413 });
  const records: UsageRecordList = Array.isArray(batch) ? arrayRecordList(batch) : (batch as UsageRecordList);

  const setup = await (options.setup ?? unsafeLoadIngestSetup(registrationId, options));
  const { registration, knownMeters } = setup;
  if (registration.id !== registrationId) throw new Error("The ingest setup belongs to another registration.");
  const granularity = options.granularity ?? "Hourly";
  const context = { ...setup.context, granularity };
  const now = context.ingestedAt;

  const timer = options.timer;
  timer?.lap("load");
  // Records are checked, mapped and encoded while they stream into the database (storeUsageRows).
  const createEncoder: UsageEncoderFactory = (ratedLines) => createUsageRowEncoder(registration.id, knownMeters, context, ratedLines);

  const batchId = randomUUID();
  const database = await getDatabase();
  const result = await withConflictRetries(() =>
    database.sql.transaction(async (tx) => {
      // One batch of a registration at a time: two collectors posting overlapping new records in
      // different orders would otherwise wait on each other's keys (a deadlock). Batches of
      // different registrations never share a record key and still run side by side.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('usage-ingest:' || $1, 0))`, [registration.id]);
      // Capacity stamps report usage for the partner's own insight, but Microsoft bills them a fixed fee: never rated.
      const rate = registration.billingModel === "PAY_AS_YOU_USE";
      const hasDailyUsage = granularity === "Daily" || (await registrationHasDailyUsage(tx, registration.id));
      const stored = await storeUsageRows(tx, registration.id, batchId, records, createEncoder, { rate, timer });
      let rejections = stored.encoder.rejections();
      const duplicate = stored.stored - stored.inserted - stored.corrected;
      let accepted = stored.inserted;
      if (hasDailyUsage) {
        const refused = new Set(rejections.map((rejection) => rejection.index));
        const mixed = await rejectMixedGranularity(tx, {
          registrationId: registration.id,
          batchId,
          granularity,
          records,
          knownMeters,
          nowMs: now.getTime(),
          rate,
          refused,
        });
        accepted -= mixed.removed;
        if (mixed.rejections.length > 0) rejections = [...rejections, ...mixed.rejections].sort((a, b) => a.index - b.index);
        if (granularity === "Daily" && accepted > 0)
          await tx.query(`UPDATE "Registration" SET "hasDailyUsage" = true WHERE "id" = $1 AND NOT "hasDailyUsage"`, [registration.id]);
      }
      const counts = { accepted, duplicate, corrected: stored.corrected, rejected: rejections.length };
      await tx.query(
        `INSERT INTO "UsageBatch" ("id", "registrationId", "receivedAt", "recordCount", "accepted", "duplicate", "corrected", "rejected", "durationMs")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          batchId,
          registration.id,
          now.toISOString(),
          records.length,
          counts.accepted,
          duplicate,
          counts.corrected,
          counts.rejected,
          Math.round(performance.now() - started),
        ],
      );
      await storeRejections(tx, batchId, registration.id, rejections, records);
      if (stored.corrected > 0) {
        // One audit event per batch, not per record: a replayed day could otherwise write thousands.
        await tx.query(
          `INSERT INTO "AuditEvent" ("id", "actorUserId", "partnerId", "action", "targetType", "targetId", "after")
         VALUES ($1, NULL, $2, 'usage.correct', 'UsageBatch', $3, $4::jsonb)`,
          [
            randomUUID(),
            registration.partnerId,
            batchId,
            JSON.stringify({ registrationId: registration.id, corrected: stored.corrected, ingestionKeyId: options.ingestionKeyId ?? null }),
          ],
        );
      }
      return { counts, rejections };
    }),
  );
  timer?.lap("finish");
  return { batchId, ...result.counts, rejections: result.rejections };
}
