// Validation of one usageAggregates record as a stamp's usage bridge sends it
// (../shared/reference/README.md "Azure Stack usage API"). Pure (no database, no "server-only"):
// the ingest path, the simulator and tests share it.
import Decimal from "decimal.js";
import { normaliseMeterId } from "../../../meters/meter-id";

/**
 * Why a record was refused. DuplicateInBatch: the same natural key appears twice in one batch; the
 * LATER record wins (it is the stamp's latest statement, as a correction would be) and the earlier
 * one is reported with this code, so nothing is dropped silently.
 */
export const USAGE_REJECT_CODES = [
  "MissingProperty",
  "InvalidTimeRange",
  "FutureUsage",
  "NegativeQuantity",
  "QuantityOutOfRange",
  "UnknownMeter",
  "MalformedInstanceData",
  "ValueTooLong",
  "DuplicateInBatch",
  "MixedGranularity",
] as const;
export type UsageRejectCode = (typeof USAGE_REJECT_CODES)[number];

export interface ParsedUsageRecord {
  /** Lowercased, trimmed local (stamp) subscription id. */
  localSubscriptionId: string;
  /** Lowercase hyphenated GUID. */
  localMeterId: string;
  resourceUri: string;
  usageStart: Date;
  usageEnd: Date;
  quantity: Decimal;
  location: string | null;
  additionalInfo: unknown;
  tags: unknown;
}

export type ParseResult = { ok: true; record: ParsedUsageRecord } | { ok: false; code: UsageRejectCode; reason: string };

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * A batch's record span, as the usage API's aggregationGranularity names it: Hourly (the usage
 * bridge's, the default) or Daily (one record per UTC day, 00:00Z to 00:00Z: Microsoft's documented
 * sample and partners' exports). docs/usage-ingest.md "Daily records".
 */
export const USAGE_GRANULARITIES = ["Hourly", "Daily"] as const;
export type UsageGranularity = (typeof USAGE_GRANULARITIES)[number];

/** The time range check of one record of a batch of `granularity`: a problem, or null. */
function timeRangeProblem(start: number, end: number, granularity: UsageGranularity): UsageRecordProblem | null {
  if (start % HOUR_MS !== 0 || end % HOUR_MS !== 0) return refuse("InvalidTimeRange", "Usage times must be on the hour (UTC).");
  if (granularity === "Daily") {
    if (start % DAY_MS !== 0 || end - start !== DAY_MS) {
      return refuse("InvalidTimeRange", "A Daily batch's records span one UTC day: usageStartTime at 00:00Z and usageEndTime 24 hours later.");
    }
    return null;
  }
  if (end - start !== HOUR_MS) {
    const hint = start % DAY_MS === 0 && end - start === DAY_MS ? " Send daily records in a batch of granularity Daily." : "";
    return refuse("InvalidTimeRange", `Only hourly records are accepted in an Hourly batch (end − start = 1 hour).${hint}`);
  }
  return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// A batch repeats the same few hour strings and meter ids thousands of times; parsing each once
// is a measurable share of ingest CPU. Bounded: cleared when large, so odd input can't grow them.
const timeCache = new Map<string, number>();
const meterCache = new Map<string, string | null>();
function cached<V>(cache: Map<string, V>, key: string, compute: (key: string) => V): V {
  let value = cache.get(key);
  if (value === undefined && !cache.has(key)) {
    if (cache.size > 10_000) cache.clear();
    value = compute(key);
    cache.set(key, value);
  }
  return value as V;
}

function parseTime(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const time = cached(timeCache, value, (text) => new Date(text).getTime());
  return Number.isNaN(time) ? null : time;
}

const QUANTITY_TEXT = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/**
 * The quantity as decimal text PostgreSQL's numeric input (and decimal.js) reads, or null when it
 * isn't a finite number.
 */
function quantityText(value: unknown): string | null {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : null;
  if (typeof value !== "string") return null;
  const text = value.trim();
  return QUANTITY_TEXT.test(text) ? text : null;
}

/**
 * The largest hourly quantity accepted (exclusive): 10^15 of any unit in one hour is far beyond any
 * stamp (a petabyte of storage is 10^6 GB-hours), and it keeps a day's sum of converted quantities
 * inside the numeric(28,10) columns (< 10^18) with room to spare. Without it an absurd value failed
 * the whole batch in the database instead of being refused with its index.
 */
const MAX_HOURLY_QUANTITY = new Decimal("1e15");
const MAX_HOURLY_QUANTITY_NUMBER = MAX_HOURLY_QUANTITY.toNumber();

/**
 * Also out of range: text PostgreSQL's numeric can't read although it is a number — an exponent
 * beyond ±1000 (1e-1073741823) or more than 16,383 digits after the point. Refused beyond 3
 * exponent digits or 64 characters, far more than any meter reports.
 */
const MAX_QUANTITY_TEXT_LENGTH = 64;
const LONG_EXPONENT = /[eE][-+]?\d{4,}$/;

function isOutOfRange(value: unknown, text: string): boolean {
  if (typeof value === "number") return value >= MAX_HOURLY_QUANTITY_NUMBER;
  if (text.length > MAX_QUANTITY_TEXT_LENGTH || LONG_EXPONENT.test(text)) return true;
  return new Decimal(text).gte(MAX_HOURLY_QUANTITY);
}

/** Negative as decimal.js sees it: −0 counts too, as it always has. */
const isNegative = (value: unknown, text: string) => (typeof value === "number" ? value < 0 || Object.is(value, -0) : text.startsWith("-"));

const REQUIRED = ["subscriptionId", "usageStartTime", "usageEndTime", "instanceData", "quantity", "meterId"] as const;

/**
 * Per-field limits (docs/usage-ingest.md). The local subscription id and the resource URI are part
 * of indexed keys, and PostgreSQL refuses an index entry over ~2.7 kB: beyond these a record used
 * to fail its whole batch, on every retry. Far above anything a stamp sends (GUIDs; ARM ids).
 */
export const USAGE_FIELD_LIMITS = {
  /** properties.subscriptionId, in UTF-8 bytes. */
  localSubscriptionIdBytes: 256,
  /** instanceData's resourceUri, in UTF-8 bytes. */
  resourceUriBytes: 2_048,
  /** instanceData's location, in characters. */
  locationChars: 256,
  /** The instanceData JSON string, in characters. */
  instanceDataChars: 64 * 1024,
  /** Nesting of the instanceData JSON (objects and arrays). */
  instanceDataDepth: 32,
} as const;

/**
 * A valid record in primitive form (no Date or Decimal objects): what the ingest hot path needs
 * for tens of thousands of records per batch. parseUsageRecord wraps it for everyone else.
 */
export interface CheckedUsageRecord {
  localSubscriptionId: string;
  localMeterId: string;
  resourceUri: string;
  startMs: number;
  endMs: number;
  /** The quantity as sent, as decimal text (e.g. "2.4", "1e-7"). */
  quantity: string;
  location: string | null;
  additionalInfo: unknown;
  tags: unknown;
}

export type CheckResult = { ok: true; record: CheckedUsageRecord } | { ok: false; code: UsageRejectCode; reason: string };

export interface UsageRecordProblem {
  code: UsageRejectCode;
  reason: string;
}

function refuse(code: UsageRejectCode, reason: string): UsageRecordProblem {
  return { code, reason };
}

/**
 * Checks one record. `knownMeters` is the local meter catalog (normalised ids); `nowMs` bounds
 * FutureUsage: an hour that has not ended yet cannot have been measured.
 */
export function checkUsageRecord(raw: unknown, knownMeters: ReadonlySet<string>, nowMs: number, granularity: UsageGranularity = "Hourly"): CheckResult {
  const record = {} as CheckedUsageRecord;
  const problem = checkUsageRecordInto(raw, knownMeters, nowMs, parseInstanceData, record, granularity);
  return problem ? { ok: false, ...problem } : { ok: true, record };
}

/**
 * checkUsageRecord for the ingest hot path: fills `out` (reused from record to record, so a batch
 * of 50k allocates no result objects) and answers the problem, or null when the record is valid.
 * `parseInstance` lets it memoise parseInstanceData per batch (a resource repeats its instanceData
 * every hour).
 */
export function checkUsageRecordInto(
  raw: unknown,
  knownMeters: ReadonlySet<string>,
  nowMs: number,
  parseInstance: (value: unknown) => InstanceData,
  out: CheckedUsageRecord,
  granularity: UsageGranularity = "Hourly",
): UsageRecordProblem | null {
  if (!isObject(raw) || !isObject(raw.properties)) return refuse("MissingProperty", "The record has no properties object.");
  const p = raw.properties;
  for (const name of REQUIRED) {
    if (p[name] === undefined || p[name] === null || p[name] === "") return refuse("MissingProperty", `properties.${name} is missing.`);
  }
  if (typeof p.subscriptionId !== "string") return refuse("MissingProperty", "properties.subscriptionId must be a string.");
  // PostgreSQL text can't hold NUL: refused here rather than failing the whole batch's COPY.
  if (p.subscriptionId.includes("\0")) return refuse("MissingProperty", "properties.subscriptionId must not contain NUL characters.");
  if (
    p.subscriptionId.length > USAGE_FIELD_LIMITS.localSubscriptionIdBytes ||
    Buffer.byteLength(p.subscriptionId) > USAGE_FIELD_LIMITS.localSubscriptionIdBytes
  ) {
    return refuse("ValueTooLong", `properties.subscriptionId is longer than ${USAGE_FIELD_LIMITS.localSubscriptionIdBytes} bytes.`);
  }
  if (typeof p.meterId !== "string") return refuse("UnknownMeter", "properties.meterId must be a string GUID.");

  const start = parseTime(p.usageStartTime);
  const end = parseTime(p.usageEndTime);
  if (start === null || end === null) return refuse("InvalidTimeRange", "usageStartTime and usageEndTime must be ISO 8601 times.");
  if (end <= start) return refuse("InvalidTimeRange", "usageEndTime must be after usageStartTime.");
  const rangeProblem = timeRangeProblem(start, end, granularity);
  if (rangeProblem) return rangeProblem;
  if (end > nowMs) return refuse("FutureUsage", `usageEndTime ${new Date(end).toISOString()} is in the future.`);

  const quantity = quantityText(p.quantity);
  if (quantity === null) return refuse("MissingProperty", "properties.quantity must be a number.");
  if (isNegative(p.quantity, quantity)) return refuse("NegativeQuantity", "properties.quantity must not be negative.");
  if (isOutOfRange(p.quantity, quantity))
    return refuse("QuantityOutOfRange", "properties.quantity must be below 10^15 per record, in at most 64 characters and a 3-digit exponent.");

  const meterId = cached(meterCache, p.meterId, normaliseMeterId);
  if (!meterId || !knownMeters.has(meterId)) return refuse("UnknownMeter", `meterId ${p.meterId.slice(0, 64)} is not an Azure Stack Hub local meter.`);

  const instance = parseInstance(p.instanceData);
  if (!instance.ok) return refuse(instance.code ?? "MalformedInstanceData", instance.reason);

  out.localSubscriptionId = p.subscriptionId.trim().toLowerCase();
  out.localMeterId = meterId;
  out.resourceUri = instance.resourceUri;
  out.startMs = start;
  out.endMs = end;
  out.quantity = quantity;
  out.location = instance.location;
  out.additionalInfo = instance.additionalInfo;
  out.tags = instance.tags;
  return null;
}

/** checkUsageRecord with Date and Decimal values (the gateway module, the simulator and tests). */
export function parseUsageRecord(raw: unknown, knownMeters: ReadonlySet<string>, now: Date, granularity: UsageGranularity = "Hourly"): ParseResult {
  const checked = checkUsageRecord(raw, knownMeters, now.getTime(), granularity);
  if (!checked.ok) return checked;
  const { startMs, endMs, quantity, ...rest } = checked.record;
  return { ok: true, record: { ...rest, usageStart: new Date(startMs), usageEnd: new Date(endMs), quantity: new Decimal(quantity) } };
}

/** A JSON \u0000 escape (not an escaped backslash followed by "u0000"): PostgreSQL's text and jsonb refuse NUL. */
export const JSON_NUL_ESCAPE = /(?<!\\)((?:\\\\)*)\\u0000/g;

/**
 * A JSON escape of a lone UTF-16 surrogate (JSON.stringify writes a valid pair as the character
 * itself, so an escaped \udXXX it writes is always lone): jsonb refuses it.
 */
export const JSON_LONE_SURROGATE_ESCAPE = /(?<!\\)((?:\\\\)*)\\u[dD][89a-fA-F][0-9a-fA-F]{2}/g;

export type InstanceData =
  { ok: true; resourceUri: string; location: string | null; additionalInfo: unknown; tags: unknown } | { ok: false; reason: string; code?: "ValueTooLong" };

/**
 * Whether JSON text nests objects/arrays deeper than `limit`, read without parsing it: values
 * nested thousands deep overflow the stack of whatever recurses over them later (JSON.stringify).
 */
export function jsonNestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c) index++;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      if (++depth > limit) return true;
    } else if (char === 0x7d || char === 0x5d) depth--;
  }
  return false;
}

/** instanceData is a JSON *string* holding {"Microsoft.Resources":{resourceUri, location, tags, additionalInfo}}. */
export function parseInstanceData(value: unknown): InstanceData {
  if (typeof value !== "string") return { ok: false, reason: "instanceData must be a JSON string, not an object." };
  if (value.length > USAGE_FIELD_LIMITS.instanceDataChars) {
    return { ok: false, code: "ValueTooLong", reason: `instanceData is longer than ${USAGE_FIELD_LIMITS.instanceDataChars} characters.` };
  }
  if (jsonNestsDeeperThan(value, USAGE_FIELD_LIMITS.instanceDataDepth)) {
    return { ok: false, reason: `instanceData nests objects or arrays deeper than ${USAGE_FIELD_LIMITS.instanceDataDepth} levels.` };
  }
  // A NUL can only arrive escaped (\u0000); PostgreSQL's text and jsonb refuse it.
  if (value.includes("\\u0000") && new RegExp(JSON_NUL_ESCAPE.source).test(value))
    return { ok: false, reason: "instanceData must not contain NUL (\\u0000) characters." };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return { ok: false, reason: "instanceData is not valid JSON." };
  }
  const resources = isObject(parsed) ? parsed["Microsoft.Resources"] : undefined;
  if (!isObject(resources)) return { ok: false, reason: 'instanceData has no "Microsoft.Resources" object.' };
  const { resourceUri, location } = resources;
  if (typeof resourceUri !== "string" || resourceUri.trim() === "") return { ok: false, reason: "instanceData has no resourceUri." };
  if (location !== undefined && location !== null && typeof location !== "string") return { ok: false, reason: "instanceData location must be a string." };
  const uri = resourceUri.trim();
  if (Buffer.byteLength(uri) > USAGE_FIELD_LIMITS.resourceUriBytes) {
    return { ok: false, code: "ValueTooLong", reason: `instanceData's resourceUri is longer than ${USAGE_FIELD_LIMITS.resourceUriBytes} bytes.` };
  }
  if (typeof location === "string" && location.length > USAGE_FIELD_LIMITS.locationChars) {
    return { ok: false, code: "ValueTooLong", reason: `instanceData's location is longer than ${USAGE_FIELD_LIMITS.locationChars} characters.` };
  }
  // tags and additionalInfo are stored as jsonb, which refuses half a surrogate pair.
  if (new RegExp(JSON_LONE_SURROGATE_ESCAPE.source).test(JSON.stringify(resources))) {
    return { ok: false, reason: "instanceData holds an unpaired UTF-16 surrogate (invalid Unicode)." };
  }
  return {
    ok: true,
    resourceUri: uri,
    location: location ?? null,
    additionalInfo: resources.additionalInfo ?? null,
    tags: resources.tags ?? null,
  };
}
