// The API token format and its hash. Pure node:crypto and no "server-only": the demo seed (run by
// tsx outside Next) hashes its fixed demo tokens with the same function the API authenticates with.
import { createHash, randomBytes } from "node:crypto";

export const API_TOKEN_PREFIX = "sc_";
/** Characters of the token kept in clear (e.g. "sc_Xy3…"), so people can tell tokens apart in lists. */
export const API_TOKEN_DISPLAY_PREFIX_LENGTH = 10;

// Real tokens are "sc_" + 43 base64url characters (32 random bytes). The pattern is looser (the
// fixed demo tokens are longer) but bounded, so garbage is refused before anything is hashed or queried.
const API_TOKEN_PATTERN = /^sc_[A-Za-z0-9_-]{20,200}$/;

export function generateApiToken(): string {
  return API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function isWellFormedApiToken(token: string): boolean {
  return API_TOKEN_PATTERN.test(token);
}

/**
 * SHA-256 (hex) of the token. A fast unsalted hash is right here, unlike for passwords: tokens carry
 * 256 random bits, so there is nothing to brute-force, and the hash must be a direct index lookup.
 */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function apiTokenDisplayPrefix(token: string): string {
  return token.slice(0, API_TOKEN_DISPLAY_PREFIX_LENGTH);
}
