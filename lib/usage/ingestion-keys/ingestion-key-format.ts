// Ingestion key format and hash. Pure node:crypto and no "server-only": the demo seed hashes its
// fixed demo keys with the same function the ingest API authenticates with.
import { createHash, randomBytes } from "node:crypto";

/** Distinct from API tokens ("sc_"), so a key pasted in the wrong place is recognisable. */
export const INGESTION_KEY_PREFIX = "scik_";
const DISPLAY_PREFIX_LENGTH = 12;
const INGESTION_KEY_PATTERN = /^scik_[A-Za-z0-9_-]{20,200}$/;

export function generateIngestionKey(): string {
  return INGESTION_KEY_PREFIX + randomBytes(32).toString("base64url");
}

export function isWellFormedIngestionKey(key: string): boolean {
  return INGESTION_KEY_PATTERN.test(key);
}

/** SHA-256 (hex): 256 random bits need no salt or slow hash, and the hash is the lookup index. */
export function hashIngestionKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export function ingestionKeyDisplayPrefix(key: string): string {
  return key.slice(0, DISPLAY_PREFIX_LENGTH);
}
