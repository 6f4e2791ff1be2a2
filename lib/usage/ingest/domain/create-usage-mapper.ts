// The ingest's domain step, record by record: check (parse-usage-record.ts), map through the gateway
// (subscription, commerce meter and quantity, commerce day), de-duplicate on the natural key within
// the batch, and sum the daily rated lines. No bytes here: the wire side (create-usage-row-encoder.ts)
// turns each mapped record into a COPY line.
// A batch repeats the same few subscriptions, hours and series thousands of times, so each is
// mapped once and interned: a record's result points at shared objects, numbered densely per batch
// (`id`) so that the wire side can keep what it derives from them in plain arrays. The result object
// itself is reused from record to record: 50,000 records allocate no per-record objects beyond the
// check. Pure module: the benchmark maps its raw-COPY ceiling rows with it.
import Decimal from "decimal.js";
import { convertQuantity, daysInUtcMonth, type QuantityConversion } from "../../../meters/quantity-conversion";
import { mapLocalSubscription, type GatewayContext, type SubscriptionMapping } from "./gateway/map-usage-record";
import { commerceUsageDate } from "./gateway/usage-days";
import { checkUsageRecordInto, type CheckedUsageRecord, type UsageRejectCode } from "./parse-usage-record";
import { usageSeriesKey } from "./usage-series-key";
import { instanceCache, type InstanceEntry } from "./instance-cache";
import type { RatedLine, RatedLineAccumulator } from "./rated-line-accumulator";

export interface UsageRejection {
  index: number;
  code: UsageRejectCode;
  reason: string;
}

/** A local subscription of the batch and where the gateway maps it. */
export interface MappedSubscription {
  /** 0, 1, 2, … in order of first appearance in the batch. */
  readonly id: number;
  readonly localSubscriptionId: string;
  readonly mapping: SubscriptionMapping;
}

/** An hour of the batch: its times and its commerce day. */
export interface UsageHour {
  readonly id: number;
  readonly startMs: number;
  readonly endMs: number;
  /** The commerce day (ISO), re-dated to the first open day when late. */
  readonly usageDate: string;
  readonly redated: boolean;
  /** The original (event) day: as a Date, as ISO, and the number of days of its month. */
  readonly eventDate: Date;
  readonly eventDay: string;
  /** GB-hours → GB-month divides by the days of the event day's month. */
  readonly monthDays: number;
  /** Both days, as part of a rated line's key. */
  readonly days: string;
}

/** A series of the batch: registration (implied), local subscription, local meter and resource URI. */
export interface UsageSeries {
  readonly id: number;
  /** The natural key hashed (usage-series-key.ts). */
  readonly seriesKey: string;
  readonly subscription: MappedSubscription;
  readonly localMeterId: string;
  readonly resourceUri: string;
  /** Null when Microsoft doesn't bill the local meter: stored for chargeback, never rated. */
  readonly commerceMeterId: string | null;
}

/** One checked and mapped record. The mapper reuses this object: read it before the next record. */
export interface MappedUsage {
  /** The checked record (quantity as sent, location, additionalInfo and tags from its instanceData). */
  readonly record: CheckedUsageRecord;
  /** The record's instanceData, interned by its text (`id` numbers the distinct texts). */
  instance: InstanceEntry;
  series: UsageSeries;
  hour: UsageHour;
  /** The commerce quantity (decimal text); "" when the series has no commerce meter. */
  commerceQuantity: string;
}

export interface UsageMapper {
  /** Checks and maps record `index`; null (and a rejection) when it is refused. */
  map(record: unknown, index: number): MappedUsage | null;
  /** Records mapped so far, superseded ones included. */
  readonly accepted: number;
  /**
   * Indexes of records already mapped that a later record with the same natural key superseded
   * (reported as DuplicateInBatch): remove them from what was stored.
   */
  readonly superseded: number[];
  /** All rejections so far, sorted by index. */
  rejections(): UsageRejection[];
}

interface SeriesState extends UsageSeries {
  /** The rated line key without its days; the days and line of the last record. */
  line: string;
  days: string;
  rated: RatedLine | null;
  /** Record index by usage start (ms): a second record of an hour supersedes the first. */
  hours: Map<number, number>;
}

/**
 * Checks and maps records one by one for a registration, de-duplicating on the natural key (a later
 * record supersedes the earlier one, which is reported as DuplicateInBatch).
 */
export function createUsageMapper(
  registrationId: string,
  knownMeters: ReadonlySet<string>,
  context: GatewayContext,
  /** When given, receives each rated record's commerce quantity by daily line (for a batch of new records only). */
  ratedLines?: RatedLineAccumulator,
): UsageMapper {
  const nowMs = context.ingestedAt.getTime();
  const granularity = context.granularity ?? "Hourly";
  const rejections: UsageRejection[] = [];
  const superseded: number[] = [];
  /**
   * Series by resource URI number, then meter, then subscription: nested maps, so no key string is
   * built and hashed per record.
   */
  const seriesByUri: (Map<string, Map<string, SeriesState>> | undefined)[] = [];
  let seriesCount = 0;
  /** Converted commerce quantities by conversion, quantity text and days in the month (Decimal division once per distinct value). */
  const conversions = new Map<string, string>();
  const subscriptions = new Map<string, MappedSubscription>();
  const hours = new Map<number, UsageHour>();
  const instances = instanceCache();
  const r = {} as CheckedUsageRecord;
  const result = { record: r } as MappedUsage;
  let accepted = 0;
  let outOfOrder = false;

  function convertedQuantity(conversion: QuantityConversion, quantity: string, hour: UsageHour): string {
    const key = `${conversion}|${hour.monthDays}|${quantity}`;
    let converted = conversions.get(key);
    if (converted === undefined) {
      converted = convertQuantity(conversion, new Decimal(quantity), hour.eventDate).toString();
      conversions.set(key, converted);
    }
    return converted;
  }

  function map(record: unknown, index: number): MappedUsage | null {
    const problem = checkUsageRecordInto(record, knownMeters, nowMs, instances.parse, r, granularity);
    if (problem) {
      rejections.push({ index, code: problem.code, reason: problem.reason });
      return null;
    }
    // instanceData is the last thing a check parses: a valid record's entry is the latest one.
    const instance = instances.lastEntry();

    let subscription = subscriptions.get(r.localSubscriptionId);
    if (!subscription) {
      subscription = { id: subscriptions.size, localSubscriptionId: r.localSubscriptionId, mapping: mapLocalSubscription(r.localSubscriptionId, context) };
      subscriptions.set(r.localSubscriptionId, subscription);
    }

    let hour = hours.get(r.startMs);
    if (!hour) {
      const start = new Date(r.startMs);
      const days = commerceUsageDate(start, context.ingestedAt, context.dayCloseHours);
      const usageDate = days.usageDate.toISOString().slice(0, 10);
      const eventDay = start.toISOString().slice(0, 10);
      hour = {
        id: hours.size,
        startMs: r.startMs,
        endMs: r.endMs,
        usageDate,
        redated: days.redated,
        eventDate: days.eventDate,
        eventDay,
        monthDays: daysInUtcMonth(days.eventDate),
        days: `${usageDate}|${eventDay}`,
      };
      hours.set(r.startMs, hour);
    }

    // Not billed by Microsoft → no commerce meter: kept for chargeback, never rated.
    const meter = context.mappings.get(r.localMeterId);
    let commerceMeterId: string | null = null;
    let commerceQuantity = "";
    if (meter) {
      commerceMeterId = subscription.mapping.audience === "ADMIN" ? meter.adminCommerceMeterId : meter.tenantCommerceMeterId;
      commerceQuantity = meter.conversion === "IDENTITY" ? r.quantity : convertedQuantity(meter.conversion, r.quantity, hour);
    }

    // The series with the resource URI by number: shorter to look up. Its md5 key is computed once
    // per series per batch (a day-long batch repeats each 24 times).
    let byMeter = seriesByUri[instance.uri];
    if (!byMeter) seriesByUri[instance.uri] = byMeter = new Map();
    let bySubscription = byMeter.get(r.localMeterId);
    if (!bySubscription) byMeter.set(r.localMeterId, (bySubscription = new Map()));
    let series = bySubscription.get(r.localSubscriptionId);
    if (!series) {
      series = {
        id: seriesCount++,
        seriesKey: usageSeriesKey(registrationId, r.localSubscriptionId, r.localMeterId, r.resourceUri, granularity),
        subscription,
        localMeterId: r.localMeterId,
        resourceUri: r.resourceUri,
        commerceMeterId,
        // A daily line is per commerce meter, not local meter: two local meters can share one.
        line: `${instance.uri}|${commerceMeterId}|${r.localSubscriptionId}`,
        days: "",
        rated: null,
        hours: new Map(),
      };
      bySubscription.set(r.localSubscriptionId, series);
    }
    if (ratedLines && commerceMeterId !== null) {
      // A series' records of one day share a line: the last one is remembered (a batch has 1–2 days).
      let line = series.days === hour.days ? series.rated : null;
      if (!line) {
        const { mapping } = subscription;
        line = ratedLines.line(`${series.line}|${hour.days}`, {
          azureSubscriptionId: mapping.azureSubscriptionId,
          commerceMeterId,
          resourceUri: r.resourceUri,
          usageDate: hour.usageDate,
          eventDate: hour.eventDay,
          localSubscriptionId: r.localSubscriptionId,
          localMeterId: r.localMeterId,
          mappedTenantId: mapping.mappedTenantId,
          unregisteredTenant: mapping.unregisteredTenant,
          location: r.location,
        });
        series.days = hour.days;
        series.rated = line;
      }
      ratedLines.add(line, r.location, commerceQuantity, r.startMs, r.tags);
    }
    const earlier = series.hours.get(r.startMs);
    if (earlier !== undefined) {
      // The later record is the stamp's latest statement (as a correction would be): it wins.
      rejections.push({
        index: earlier,
        code: "DuplicateInBatch",
        reason: `Superseded by record ${index} with the same subscription, meter, resource and hour.`,
      });
      superseded.push(earlier);
      outOfOrder = true;
    }
    series.hours.set(r.startMs, index);
    accepted += 1;
    result.instance = instance;
    result.series = series;
    result.hour = hour;
    result.commerceQuantity = commerceQuantity;
    return result;
  }

  return {
    map,
    get accepted() {
      return accepted;
    },
    superseded,
    rejections() {
      if (outOfOrder) rejections.sort((a, b) => a.index - b.index);
      outOfOrder = false;
      return rejections;
    },
  };
}
