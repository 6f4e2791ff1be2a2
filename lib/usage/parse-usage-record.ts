// Validation of one usageAggregates record as a stamp's usage bridge sends it
// (../shared/reference/README.md "Azure Stack usage API"). Pure (no database, no "server-only"):
// the ingest path, the simulator and tests share it.
import Decimal from "decimal.js";
import { normaliseMeterId } from "../meters/meter-id";

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
  "UnknownMeter",
  "MalformedInstanceData",
  "DuplicateInBatch",
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

export type ParseResult =
  | { ok: true; record: ParsedUsageRecord }
  | { ok: false; code: UsageRejectCode; reason: string };

const HOUR_MS = 3_600_000;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function reject(code: UsageRejectCode, reason: string): ParseResult {
  return { ok: false, code, reason };
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

function parseTime(value: unknown): Date | null {
  if (typeof value !== "string") return null;
  const time = cached(timeCache, value, (text) => new Date(text).getTime());
  return Number.isNaN(time) ? null : new Date(time);
}

/** The quantity as a Decimal (numbers or numeric strings), or null when it isn't a finite number. */
function parseQuantity(value: unknown): Decimal | null {
  if (typeof value === "number" && Number.isFinite(value)) return new Decimal(value);
  if (typeof value === "string" && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value.trim())) return new Decimal(value.trim());
  return null;
}

const REQUIRED = ["subscriptionId", "usageStartTime", "usageEndTime", "instanceData", "quantity", "meterId"] as const;

/**
 * Checks one record. `knownMeters` is the local meter catalog (normalised ids); `now` bounds
 * FutureUsage: an hour that has not ended yet cannot have been measured.
 */
export function parseUsageRecord(raw: unknown, knownMeters: ReadonlySet<string>, now: Date): ParseResult {
  if (!isObject(raw) || !isObject(raw.properties)) return reject("MissingProperty", "The record has no properties object.");
  const p = raw.properties;
  for (const name of REQUIRED) {
    if (p[name] === undefined || p[name] === null || p[name] === "") return reject("MissingProperty", `properties.${name} is missing.`);
  }
  if (typeof p.subscriptionId !== "string") return reject("MissingProperty", "properties.subscriptionId must be a string.");
  if (typeof p.meterId !== "string") return reject("UnknownMeter", "properties.meterId must be a string GUID.");

  const start = parseTime(p.usageStartTime);
  const end = parseTime(p.usageEndTime);
  if (!start || !end) return reject("InvalidTimeRange", "usageStartTime and usageEndTime must be ISO 8601 times.");
  if (end.getTime() <= start.getTime()) return reject("InvalidTimeRange", "usageEndTime must be after usageStartTime.");
  if (start.getTime() % HOUR_MS !== 0 || end.getTime() % HOUR_MS !== 0) {
    return reject("InvalidTimeRange", "Usage times must be on the hour (UTC).");
  }
  if (end.getTime() - start.getTime() !== HOUR_MS) return reject("InvalidTimeRange", "Only hourly records are accepted (end − start = 1 hour).");
  if (end.getTime() > now.getTime()) return reject("FutureUsage", `usageEndTime ${end.toISOString()} is in the future.`);

  const quantity = parseQuantity(p.quantity);
  if (!quantity) return reject("MissingProperty", "properties.quantity must be a number.");
  if (quantity.isNegative()) return reject("NegativeQuantity", "properties.quantity must not be negative.");

  const meterId = cached(meterCache, p.meterId, normaliseMeterId);
  if (!meterId || !knownMeters.has(meterId)) return reject("UnknownMeter", `meterId ${p.meterId.slice(0, 64)} is not an Azure Stack Hub local meter.`);

  const instance = parseInstanceData(p.instanceData);
  if (!instance.ok) return reject("MalformedInstanceData", instance.reason);

  return {
    ok: true,
    record: {
      localSubscriptionId: p.subscriptionId.trim().toLowerCase(),
      localMeterId: meterId,
      resourceUri: instance.resourceUri,
      usageStart: start,
      usageEnd: end,
      quantity,
      location: instance.location,
      additionalInfo: instance.additionalInfo,
      tags: instance.tags,
    },
  };
}

type InstanceData =
  | { ok: true; resourceUri: string; location: string | null; additionalInfo: unknown; tags: unknown }
  | { ok: false; reason: string };

/** instanceData is a JSON *string* holding {"Microsoft.Resources":{resourceUri, location, tags, additionalInfo}}. */
export function parseInstanceData(value: unknown): InstanceData {
  if (typeof value !== "string") return { ok: false, reason: "instanceData must be a JSON string, not an object." };
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
  return {
    ok: true,
    resourceUri: resourceUri.trim(),
    location: location ?? null,
    additionalInfo: resources.additionalInfo ?? null,
    tags: resources.tags ?? null,
  };
}

/** The natural key of a record (registration implied): replays and overlaps collide on it. */
export function naturalKey(record: ParsedUsageRecord): string {
  return `${record.localSubscriptionId}|${record.localMeterId}|${record.resourceUri}|${record.usageStart.getTime()}`;
}
