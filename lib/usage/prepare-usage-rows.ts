// The ingest hot path before the database: checks each record, maps it through the gateway and
// encodes it straight into a line of PostgreSQL's COPY text format, in one tight loop with no
// intermediate objects per record beyond the check. Lookups (local subscriptions, meter mappings,
// commerce days, ISO times) are computed once per distinct key per batch, and so are the bytes of
// the line's repeated pieces (copy-line-writer.ts). Pure (no "server-only"): the benchmark encodes
// its raw-COPY ceiling rows with it.
import Decimal from "decimal.js";
import { convertQuantity, daysInUtcMonth, type QuantityConversion } from "../meters/quantity-conversion";
import { mapLocalSubscription, type GatewayContext, type SubscriptionMapping } from "./gateway/map-usage-record";
import { commerceUsageDate } from "./gateway/usage-days";
import { checkUsageRecordInto, type CheckedUsageRecord, type UsageRejectCode } from "./parse-usage-record";
import { usageSeriesKey } from "./usage-series-key";
import { COPY_NULL, copyBool, copyText } from "../database/sql-text";
import { copyPiece, type CopyLineWriter, type CopyPiece } from "./copy-line-writer";
import { instanceCache } from "./instance-cache";
import type { RatedLine, RatedLineAccumulator } from "./accumulate-rated-lines";

export interface UsageRejection {
  index: number;
  code: UsageRejectCode;
  reason: string;
}

/** The UsageRecord columns of each COPY line, in order (registrationId and batchId are the store's). */
export const USAGE_ROW_COLUMNS = [
  "seriesKey",
  "localSubscriptionId",
  "localMeterId",
  "resourceUri",
  "usageStart",
  "usageEnd",
  "quantity",
  "location",
  "additionalInfo",
  "tags",
  "azureSubscriptionId",
  "mappedTenantId",
  "unregisteredTenant",
  "providerUsage",
  "commerceMeterId",
  "commerceQuantity",
  "usageDate",
  "redated",
] as const;

/** The commerce meter and quantity of usage Microsoft doesn't bill. */
const NOT_BILLED = copyPiece(`${COPY_NULL}\t${COPY_NULL}`);

interface Series {
  /** "seriesKey \t local subscription \t local meter \t resource URI \t", encoded. */
  head: CopyPiece;
  /** "commerce meter \t" (its quantity follows), or null when Microsoft doesn't bill the meter. */
  commerce: CopyPiece | null;
  /** The rated line key without its days; the days and line of the last record. */
  line: string;
  days: string;
  rated: RatedLine | null;
  /** Record index by usage start (ms): a second record of an hour supersedes the first. */
  hours: Map<number, number>;
}

interface HourFields {
  /** "usageStart \t usageEnd \t" and "\t usageDate (re-dated when late) \t redated \n", encoded. */
  times: CopyPiece;
  tail: CopyPiece;
  /** The commerce day (ISO). */
  usageDate: string;
  /** The original (event) day: GB-hours → GB-month divides by the days of its month (monthDays). */
  eventDate: Date;
  monthDays: number;
  /** The rated line's days: usage day and event day (ISO), and both as part of a line key. */
  eventDay: string;
  days: string;
}

export interface UsageRowEncoder {
  /** Appends the COPY line of record `index` to `out`; false (nothing written) when rejected. */
  encodeInto(record: unknown, index: number, out: CopyLineWriter): boolean;
  /** Encoded lines so far, superseded ones included. */
  readonly encoded: number;
  /**
   * Indexes of records whose line was already encoded but that a later record with the same natural
   * key superseded (reported as DuplicateInBatch): remove them from what was copied.
   */
  readonly superseded: number[];
  /** All rejections so far, sorted by index. */
  rejections(): UsageRejection[];
}

/**
 * Checks, maps and encodes records one by one for a registration, de-duplicating on the natural key
 * (a later record supersedes the earlier one, which is reported as DuplicateInBatch).
 */
export function createUsageRowEncoder(
  registrationId: string,
  knownMeters: ReadonlySet<string>,
  context: GatewayContext,
  /** When given, receives each rated record's commerce quantity by daily line (for a batch of new records only). */
  ratedLines?: RatedLineAccumulator,
): UsageRowEncoder {
  const nowMs = context.ingestedAt.getTime();
  const rejections: UsageRejection[] = [];
  const superseded: number[] = [];
  /**
   * Per series (resource URI by number, then meter, then subscription: nested maps, so no key string
   * is built and hashed per record): its COPY fields up to the URI, its rated line of the last day
   * seen, and the record index of each hour so far (the in-batch natural key).
   */
  const seriesByUri: (Map<string, Map<string, Series>> | undefined)[] = [];
  /** Converted commerce quantities by conversion, quantity text and days in the month (Decimal division once per distinct value). */
  const conversions = new Map<string, string>();
  /** Per local subscription: its gateway mapping, its COPY field and its mapped fields ("… \t"), encoded. */
  const subscriptions = new Map<string, { mapping: SubscriptionMapping; mapped: CopyPiece; id: string }>();
  const instances = instanceCache();
  const r = {} as CheckedUsageRecord;
  const hours = new Map<number, HourFields>();
  let encoded = 0;
  let outOfOrder = false;

  function convertedQuantity(conversion: QuantityConversion, quantity: string, hour: HourFields): string {
    const key = `${conversion}|${hour.monthDays}|${quantity}`;
    let converted = conversions.get(key);
    if (converted === undefined) {
      converted = convertQuantity(conversion, new Decimal(quantity), hour.eventDate).toString();
      conversions.set(key, converted);
    }
    return converted;
  }

  function encodeInto(record: unknown, index: number, out: CopyLineWriter): boolean {
    const problem = checkUsageRecordInto(record, knownMeters, nowMs, instances.parse, r);
    if (problem) {
      rejections.push({ index, code: problem.code, reason: problem.reason });
      return false;
    }
    // instanceData is the last thing a check parses: a valid record's entry is the latest one.
    const instance = instances.lastEntry();

    let subscription = subscriptions.get(r.localSubscriptionId);
    if (!subscription) {
      const mapping = mapLocalSubscription(r.localSubscriptionId, context);
      const mapped = copyPiece(`${mapping.azureSubscriptionId}\t${mapping.mappedTenantId ?? COPY_NULL}\t${copyBool(mapping.unregisteredTenant)}\t${copyBool(mapping.providerUsage)}\t`);
      subscription = { mapping, mapped, id: copyText(r.localSubscriptionId) };
      subscriptions.set(r.localSubscriptionId, subscription);
    }

    let hour = hours.get(r.startMs);
    if (!hour) {
      const start = new Date(r.startMs);
      const days = commerceUsageDate(start, context.ingestedAt, context.dayCloseHours);
      const usageDate = days.usageDate.toISOString().slice(0, 10);
      const eventDay = start.toISOString().slice(0, 10);
      hour = {
        eventDay,
        days: `${usageDate}|${eventDay}`,
        times: copyPiece(`${start.toISOString()}\t${new Date(r.endMs).toISOString()}\t`),
        tail: copyPiece(`\t${usageDate}\t${copyBool(days.redated)}\n`),
        usageDate,
        eventDate: days.eventDate,
        monthDays: daysInUtcMonth(days.eventDate),
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

    // The series (registration implied) with the resource URI by number: shorter to look up. Its
    // md5 key is computed once per series per batch (a day-long batch repeats each 24 times).
    let byMeter = seriesByUri[instance.uri];
    if (!byMeter) seriesByUri[instance.uri] = byMeter = new Map();
    let bySubscription = byMeter.get(r.localMeterId);
    if (!bySubscription) byMeter.set(r.localMeterId, (bySubscription = new Map()));
    let one = bySubscription.get(r.localSubscriptionId);
    if (!one) {
      const seriesKey = usageSeriesKey(registrationId, r.localSubscriptionId, r.localMeterId, r.resourceUri);
      // A daily line is per commerce meter, not local meter: two local meters can share one.
      one = {
        head: copyPiece(`${seriesKey}\t${subscription.id}\t${r.localMeterId}\t${instance.resourceField}\t`),
        commerce: commerceMeterId === null ? null : copyPiece(`${commerceMeterId}\t`),
        line: `${instance.uri}|${commerceMeterId}|${r.localSubscriptionId}`,
        days: "",
        rated: null,
        hours: new Map(),
      };
      bySubscription.set(r.localSubscriptionId, one);
    }
    if (ratedLines && commerceMeterId !== null) {
      // A series' records of one day share a line: the last one is remembered (a batch has 1–2 days).
      let line = one.days === hour.days ? one.rated : null;
      if (!line) {
        const { mapping } = subscription;
        line = ratedLines.line(`${one.line}|${hour.days}`, {
          azureSubscriptionId: mapping.azureSubscriptionId, commerceMeterId, resourceUri: r.resourceUri, usageDate: hour.usageDate, eventDate: hour.eventDay,
          localSubscriptionId: r.localSubscriptionId, localMeterId: r.localMeterId, mappedTenantId: mapping.mappedTenantId,
          unregisteredTenant: mapping.unregisteredTenant, location: r.location,
        });
        one.days = hour.days;
        one.rated = line;
      }
      ratedLines.add(line, r.location, commerceQuantity);
    }
    const earlier = one.hours.get(r.startMs);
    if (earlier !== undefined) {
      // The later record is the stamp's latest statement (as a correction would be): it wins.
      rejections.push({ index: earlier, code: "DuplicateInBatch", reason: `Superseded by record ${index} with the same subscription, meter, resource and hour.` });
      superseded.push(earlier);
      outOfOrder = true;
    }
    one.hours.set(r.startMs, index);
    encoded += 1;
    // Quantities are validated decimal text (digits, point, sign, exponent): ASCII, nothing to escape.
    out.piece(one.head);
    out.piece(hour.times);
    out.ascii(r.quantity);
    out.piece(instance.detail);
    out.piece(subscription.mapped);
    if (one.commerce === null) {
      out.piece(NOT_BILLED);
    } else {
      out.piece(one.commerce);
      out.ascii(commerceQuantity);
    }
    out.piece(hour.tail);
    return true;
  }

  return {
    encodeInto,
    get encoded() {
      return encoded;
    },
    superseded,
    rejections() {
      if (outOfOrder) rejections.sort((a, b) => a.index - b.index);
      outOfOrder = false;
      return rejections;
    },
  };
}
