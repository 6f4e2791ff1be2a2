// Meter GUIDs arrive in every spelling: Microsoft's docs print local meters upper case and
// sometimes without hyphens, the usage API echoes whatever the resource provider emitted, and
// price lists use lowercase. Everything is stored and compared in one canonical form.
// Pure (no server-only): the usage pipeline, scripts and tests use it too.

const GUID = /^\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\}?$/i;

/** The lowercase hyphenated form of a meter GUID, or null when `raw` is not a GUID. */
export function normaliseMeterId(raw: string): string | null {
  const match = GUID.exec(raw.trim());
  if (!match) return null;
  return match.slice(1, 6).join("-").toLowerCase();
}
