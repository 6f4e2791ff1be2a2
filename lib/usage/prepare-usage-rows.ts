// The ingest hot path before the database: checks each record, maps it through the gateway and
// encodes it straight into a line of PostgreSQL's COPY text format, in one tight loop with no
// intermediate objects per record beyond the check. Lookups (local subscriptions, meter mappings,
// commerce days, ISO times) are computed once per distinct key per batch. Pure (no "server-only"):
// the benchmark encodes its raw-COPY ceiling rows with it.
import Decimal from "decimal.js";
import { convertQuantity } from "../meters/quantity-conversion";
import { mapLocalSubscription, type GatewayContext, type SubscriptionMapping } from "./gateway/map-usage-record";
import { commerceUsageDate } from "./gateway/usage-days";
import { checkUsageRecordInto, parseInstanceData, type CheckedUsageRecord, type InstanceData, type UsageRejectCode } from "./parse-usage-record";

export interface UsageRejection {
  index: number;
  code: UsageRejectCode;
  reason: string;
}

/** The columns of each COPY line, in order (the staging table and the ceiling share them). */
export const USAGE_ROW_COLUMNS = [
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

export interface PreparedUsageRows {
  /** COPY text lines (newline-terminated) of the accepted records, one per natural key. */
  lines: string[];
  /** Sorted by index. */
  rejections: UsageRejection[];
}

const NULL = "\\N";
const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** A text value in COPY text format: backslash, tab, newline and carriage return escaped. */
export function copyText(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

const copyJson = (value: unknown) => (value === null || value === undefined ? NULL : copyText(JSON.stringify(value)));
const bool = (value: boolean) => (value ? "t" : "f");

/**
 * parseInstanceData memoised by the instanceData text, with its COPY fields (resourceUri; location,
 * additionalInfo, tags) encoded once. `uri` numbers distinct resource URIs for short natural keys.
 * A stamp repeats a resource's instanceData every hour, so a day-long batch parses each ~24× less.
 */
function instanceCache() {
  const byText = new Map<string, { parsed: InstanceData; uri: number; resourceField: string; detailFields: string }>();
  const uriIds = new Map<string, number>();
  let last: { parsed: InstanceData; uri: number; resourceField: string; detailFields: string } | undefined;
  const parse = (value: unknown): InstanceData => {
    if (typeof value !== "string") return parseInstanceData(value);
    let entry = byText.get(value);
    if (!entry) {
      const parsed = parseInstanceData(value);
      let uri = -1;
      let resourceField = "";
      let detailFields = "";
      if (parsed.ok) {
        uri = uriIds.get(parsed.resourceUri) ?? uriIds.size;
        uriIds.set(parsed.resourceUri, uri);
        resourceField = copyText(parsed.resourceUri);
        detailFields = `${parsed.location === null ? NULL : copyText(parsed.location)}\t${copyJson(parsed.additionalInfo)}\t${copyJson(parsed.tags)}`;
      }
      entry = { parsed, uri, resourceField, detailFields };
      byText.set(value, entry);
    }
    last = entry;
    return entry.parsed;
  };
  /** The cache entry of the instanceData the last successful check parsed. */
  const lastEntry = () => last!;
  return { parse, lastEntry };
}

interface HourFields {
  /** usageStart, usageEnd, the commerce day (re-dated when late), redated: as COPY fields. */
  start: string;
  end: string;
  usageDate: string;
  redated: string;
  /** The original (event) day: GB-hours → GB-month divides by the days of its month. */
  eventDate: Date;
}

/**
 * Checks, de-duplicates (a later record with the same natural key supersedes the earlier one,
 * which is reported as DuplicateInBatch) and encodes a batch.
 */
export function prepareUsageRows(records: readonly unknown[], knownMeters: ReadonlySet<string>, context: GatewayContext): PreparedUsageRows {
  const nowMs = context.ingestedAt.getTime();
  const rejections: UsageRejection[] = [];
  const lines: string[] = [];
  const slotByKey = new Map<string, { slot: number; index: number }>();
  const subscriptions = new Map<string, { mapping: SubscriptionMapping; fields: string; id: string }>();
  const instances = instanceCache();
  const r = {} as CheckedUsageRecord;
  const hours = new Map<number, HourFields>();
  let outOfOrder = false;

  for (let index = 0; index < records.length; index++) {
    const problem = checkUsageRecordInto(records[index], knownMeters, nowMs, instances.parse, r);
    if (problem) {
      rejections.push({ index, code: problem.code, reason: problem.reason });
      continue;
    }
    // instanceData is the last thing a check parses: a valid record's entry is the latest one.
    const instance = instances.lastEntry();

    let subscription = subscriptions.get(r.localSubscriptionId);
    if (!subscription) {
      const mapping = mapLocalSubscription(r.localSubscriptionId, context);
      const fields = `${mapping.azureSubscriptionId}\t${mapping.mappedTenantId ?? NULL}\t${bool(mapping.unregisteredTenant)}\t${bool(mapping.providerUsage)}`;
      subscription = { mapping, fields, id: copyText(r.localSubscriptionId) };
      subscriptions.set(r.localSubscriptionId, subscription);
    }

    let hour = hours.get(r.startMs);
    if (!hour) {
      const start = new Date(r.startMs);
      const days = commerceUsageDate(start, context.ingestedAt, context.dayCloseHours);
      hour = {
        start: start.toISOString(),
        end: new Date(r.endMs).toISOString(),
        usageDate: days.usageDate.toISOString().slice(0, 10),
        redated: bool(days.redated),
        eventDate: days.eventDate,
      };
      hours.set(r.startMs, hour);
    }

    // Not billed by Microsoft → no commerce meter: kept for chargeback, never rated.
    const meter = context.mappings.get(r.localMeterId);
    let commerce = `${NULL}\t${NULL}`;
    if (meter) {
      const commerceMeterId = subscription.mapping.audience === "ADMIN" ? meter.adminCommerceMeterId : meter.tenantCommerceMeterId;
      const quantity = meter.conversion === "IDENTITY" ? r.quantity : convertQuantity(meter.conversion, new Decimal(r.quantity), hour.eventDate).toString();
      commerce = `${commerceMeterId}\t${quantity}`;
    }

    const line =
      `${subscription.id}\t${r.localMeterId}\t${instance.resourceField}\t${hour.start}\t${hour.end}\t${r.quantity}\t` +
      `${instance.detailFields}\t${subscription.fields}\t${commerce}\t${hour.usageDate}\t${hour.redated}\n`;

    // The natural key (registration implied), with the resource URI by number: shorter to hash.
    const key = `${instance.uri}|${r.startMs}|${r.localMeterId}|${r.localSubscriptionId}`;
    const earlier = slotByKey.get(key);
    if (earlier) {
      // The later record is the stamp's latest statement (as a correction would be): it wins.
      rejections.push({ index: earlier.index, code: "DuplicateInBatch", reason: `Superseded by record ${index} with the same subscription, meter, resource and hour.` });
      outOfOrder = true;
      lines[earlier.slot] = line;
      earlier.index = index;
    } else {
      slotByKey.set(key, { slot: lines.length, index });
      lines.push(line);
    }
  }
  if (outOfOrder) rejections.sort((a, b) => a.index - b.index);
  return { lines, rejections };
}

/** Lines joined into chunks of about `bytes` characters: fewer, larger writes to COPY. */
export function* copyChunks(lines: readonly string[], bytes = 1 << 20): Generator<string> {
  let chunk: string[] = [];
  let size = 0;
  for (const line of lines) {
    chunk.push(line);
    size += line.length;
    if (size >= bytes) {
      yield chunk.join("");
      chunk = [];
      size = 0;
    }
  }
  if (chunk.length > 0) yield chunk.join("");
}
