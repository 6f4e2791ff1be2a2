// The daily rated lines of a batch whose records are all new, summed in Node while the records are
// encoded: the fresh path COPYs records straight into UsageRecord and rates ~2 lines per resource
// (a day-long window spans two days) instead of re-reading 50,000 rows to group them in SQL. The
// grouping and the per-column choices are rate-usage.ts's CHANGED_LINES exactly: the line key
// (azure subscription, commerce meter, resource URI, usage day, event day, local subscription);
// min(localMeterId), max(mappedTenantId), bool_or(unregisteredTenant), max(location) in UTF-16
// code-unit order (rate-usage.ts takes max(location COLLATE "C"), byte order: the same for any BMP
// text); the sum of each record's commerce quantity rounded as its numeric(28, 10) column stores it;
// the earliest hour (min(usageStart)) and the tags of the latest hour that had any (one record per
// line and hour: two local meters billed as one commerce meter would tie, and none does).
// Pure module.
import Decimal from "decimal.js";

export interface RatedLineFields {
  azureSubscriptionId: string;
  commerceMeterId: string;
  resourceUri: string;
  usageDate: string;
  eventDate: string;
  localSubscriptionId: string;
  localMeterId: string;
  mappedTenantId: string | null;
  unregisteredTenant: boolean;
  location: string | null;
}

export interface RatedLine extends RatedLineFields {
  /** Exact while every quantity is an integer and the sum a safe integer; otherwise `scaled` holds it. */
  integer: number;
  /** The exact sum × 10^10 (the column's scale), once a quantity wasn't a small integer. */
  scaled: bigint | null;
  /** The earliest usageStart (ms) of the line's records. */
  eventStartMs: number;
  /** The tags of the latest record that had any (null: none), and that record's usageStart. */
  tags: unknown;
  tagsStartMs: number;
}

/** The value of plain digits (at most 15: exact in a double), else -1. Cheaper than a regex per record. */
function integerValue(text: string): number {
  if (text.length === 0 || text.length > 15) return -1;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}
const SCALE = 10;
const SCALE_FACTOR = 10n ** BigInt(SCALE);

/** `scaled` (a sum × 10^10) as plain decimal text without trailing zeros, as Decimal's toFixed() writes it. */
function scaledText(scaled: bigint): string {
  const sign = scaled < 0n ? "-" : "";
  const digits = (scaled < 0n ? -scaled : scaled).toString().padStart(SCALE + 1, "0");
  const fraction = digits.slice(-SCALE).replace(/0+$/, "");
  return `${sign}${digits.slice(0, -SCALE)}${fraction ? `.${fraction}` : ""}`;
}

/** The line columns as parallel arrays (unnest parameters), in RATED_LINE_ARRAY_COLUMNS order. */
export type RatedLineArrays = [
  string[],
  string[],
  string[],
  string[],
  string[],
  string[],
  string[],
  (string | null)[],
  boolean[],
  (string | null)[],
  string[],
  string[],
  (string | null)[],
  (string | null)[],
];

export class RatedLineAccumulator {
  private readonly lines = new Map<string, RatedLine>();
  /**
   * Each distinct quantity text rounded to the scale, × 10^10: a batch repeats the same converted
   * quantities (a storage account's size changes slowly), and BigInt sums are exact at any size
   * where Decimal's 20 significant digits would round a sum beyond 10^10.
   */
  private readonly scaledQuantities = new Map<string, bigint>();

  get size(): number {
    return this.lines.size;
  }

  /**
   * The line `key` identifies (the caller's unique encoding of the line key), merging `fields` of a
   * record into it. Callers cache the result per series and day, and pass each further record's
   * location to `add`: the other fields are constant per series within a batch.
   */
  line(key: string, fields: RatedLineFields): RatedLine {
    const line = this.lines.get(key);
    if (!line) {
      // Spelled out: an object spread ({ ...fields, … }) of this many properties came out in
      // dictionary mode, and every later add() on it was ~14× slower (measured).
      const created: RatedLine = {
        azureSubscriptionId: fields.azureSubscriptionId,
        commerceMeterId: fields.commerceMeterId,
        resourceUri: fields.resourceUri,
        usageDate: fields.usageDate,
        eventDate: fields.eventDate,
        localSubscriptionId: fields.localSubscriptionId,
        localMeterId: fields.localMeterId,
        mappedTenantId: fields.mappedTenantId,
        unregisteredTenant: fields.unregisteredTenant,
        location: fields.location,
        integer: 0,
        scaled: null,
        eventStartMs: Number.POSITIVE_INFINITY,
        tags: null,
        tagsStartMs: Number.NEGATIVE_INFINITY,
      };
      this.lines.set(key, created);
      return created;
    }
    if (fields.localMeterId < line.localMeterId) line.localMeterId = fields.localMeterId;
    if (fields.mappedTenantId !== null && (line.mappedTenantId === null || fields.mappedTenantId > line.mappedTenantId))
      line.mappedTenantId = fields.mappedTenantId;
    line.unregisteredTenant ||= fields.unregisteredTenant;
    this.location(line, fields.location);
    return line;
  }

  /** Adds one record's commerce quantity (decimal text), location, hour (usageStart, ms) and tags to `line`. */
  add(line: RatedLine, location: string | null, quantity: string, startMs: number, tags: unknown): void {
    if (location !== line.location) this.location(line, location);
    if (startMs < line.eventStartMs) line.eventStartMs = startMs;
    if (tags !== null && tags !== undefined && startMs > line.tagsStartMs) {
      line.tags = tags;
      line.tagsStartMs = startMs;
    }
    if (line.scaled === null) {
      const sum = line.integer + integerValue(quantity);
      if (sum >= line.integer && Number.isSafeInteger(sum)) {
        line.integer = sum;
        return;
      }
    }
    let scaled = this.scaledQuantities.get(quantity);
    if (scaled === undefined) {
      // toDecimalPlaces is exact (not bound by Decimal's precision): rounds as numeric(28, 10) stores it.
      scaled = BigInt(new Decimal(quantity).toDecimalPlaces(SCALE, Decimal.ROUND_HALF_UP).toFixed(SCALE).replace(".", ""));
      this.scaledQuantities.set(quantity, scaled);
    }
    line.scaled = (line.scaled ?? BigInt(line.integer) * SCALE_FACTOR) + scaled;
  }

  private location(line: RatedLine, location: string | null): void {
    if (location !== null && (line.location === null || location > line.location)) line.location = location;
  }

  arrays(): RatedLineArrays {
    const out: RatedLineArrays = [[], [], [], [], [], [], [], [], [], [], [], [], [], []];
    for (const line of this.lines.values()) {
      out[0].push(line.azureSubscriptionId);
      out[1].push(line.commerceMeterId);
      out[2].push(line.resourceUri);
      out[3].push(line.usageDate);
      out[4].push(line.eventDate);
      out[5].push(line.localSubscriptionId);
      out[6].push(line.localMeterId);
      out[7].push(line.mappedTenantId);
      out[8].push(line.unregisteredTenant);
      out[9].push(line.location);
      out[10].push(line.scaled === null ? String(line.integer) : scaledText(line.scaled));
      out[11].push(new Date(line.eventStartMs).toISOString());
      out[12].push(line.tags === null ? null : JSON.stringify(line.tags));
      out[13].push(line.tags === null ? null : new Date(line.tagsStartMs).toISOString());
    }
    return out;
  }
}
