// A usage series: one registration's (local subscription, local meter, resource URI), whose hourly
// records are keyed by (usageStart, seriesKey). Its daily records (docs/usage-ingest.md "Daily
// records") have a key of their own, so a day's daily record and its 00:00 hour never share a key.
// The key is a uuid: a 16-byte fixed-width key instead of the long URI text in the unique index
// (which measured half of the insert's cost). Its first 4 bytes are md5 of the registration id, the
// other 12 md5 of an unambiguous encoding of the four: within an hour of the primary key, each
// registration's records lie together, so a batch writes its own leaf pages of the index instead of
// splitting pages shared with every other stamp's records of that hour (at 100M rows those pages
// are mostly not in memory: docs/benchmarks.md, "100M rows"). Computed in Node once per series per batch,
// and by the same formula in SQL (migrations, fixtures). Pure module.
import { createHash } from "node:crypto";

/**
 * The hashed text: the subscription's UTF-8 byte length before it, so no choice of subscription
 * and URI (both free text from the stamp) can produce another series' text; the registration id
 * (a cuid) and the meter (a normalised uuid) are fixed-format.
 */
function seriesText(registrationId: string, localSubscriptionId: string, localMeterId: string, resourceUri: string): string {
  return `${registrationId}|${localMeterId}|${Buffer.byteLength(localSubscriptionId, "utf8")}|${localSubscriptionId}|${resourceUri}`;
}

/**
 * Daily series texts start with this; an hourly text starts with a registration id (a cuid, never
 * "daily"), so the two can't meet.
 */
const DAILY_PREFIX = "daily|";

const REGISTRATION_PREFIX_HEX = 8;

/** The key's first 4 bytes (hex): md5 of the registration id. */
function registrationKeyPrefix(registrationId: string): string {
  return createHash("md5").update(registrationId, "utf8").digest("hex").slice(0, REGISTRATION_PREFIX_HEX);
}

/** The series key (uuid text) of a record's natural key minus its hour (or day, for a daily record). */
export function usageSeriesKey(
  registrationId: string,
  localSubscriptionId: string,
  localMeterId: string,
  resourceUri: string,
  granularity: "Hourly" | "Daily" = "Hourly",
): string {
  const text = seriesText(registrationId, localSubscriptionId, localMeterId, resourceUri);
  const seriesHex = createHash("md5")
    .update(granularity === "Daily" ? DAILY_PREFIX + text : text, "utf8")
    .digest("hex");
  const hex = registrationKeyPrefix(registrationId) + seriesHex.slice(REGISTRATION_PREFIX_HEX);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The same key in SQL, over four SQL expressions (text, text, uuid, text). */
export function usageSeriesKeySql(
  registrationId: string,
  localSubscriptionId: string,
  localMeterId: string,
  resourceUri: string,
  granularity: "Hourly" | "Daily" = "Hourly",
): string {
  const prefix = granularity === "Daily" ? `'${DAILY_PREFIX}' || ` : "";
  const series = `md5(${prefix}${registrationId} || '|' || ${localMeterId}::text || '|' || octet_length(${localSubscriptionId}) || '|' || ${localSubscriptionId} || '|' || ${resourceUri})`;
  return `(left(md5(${registrationId}), ${REGISTRATION_PREFIX_HEX}) || substr(${series}, ${REGISTRATION_PREFIX_HEX + 1}))::uuid`;
}
