// Opaque bearer secrets (partner API tokens, stamp ingestion keys): a recognisable prefix + 32
// random bytes, stored as a SHA-256 hash. Pure node:crypto and no "server-only": the demo seed
// (tsx, outside Next) hashes its fixed demo secrets with the same functions the APIs authenticate with.
import { createHash, randomBytes } from "node:crypto";

export interface OpaqueSecretFormat {
  prefix: string;
  generate(): string;
  /** Bounded pattern check, so garbage is refused before anything is hashed or queried. */
  isWellFormed(secret: string): boolean;
  /**
   * SHA-256 (hex). A fast unsalted hash is right here, unlike for passwords: the secrets carry 256
   * random bits, so there is nothing to brute-force, and the hash must be a direct index lookup.
   */
  hash(secret: string): string;
  /** Characters kept in clear, so people can tell secrets apart in lists. */
  displayPrefix(secret: string): string;
}

export function opaqueSecretFormat(prefix: string, displayPrefixLength: number): OpaqueSecretFormat {
  // Real secrets are prefix + 43 base64url characters; the fixed demo ones are longer.
  const pattern = new RegExp(`^${prefix}[A-Za-z0-9_-]{20,200}$`);
  return {
    prefix,
    generate: () => prefix + randomBytes(32).toString("base64url"),
    isWellFormed: (secret) => pattern.test(secret),
    hash: (secret) => createHash("sha256").update(secret, "utf8").digest("hex"),
    displayPrefix: (secret) => secret.slice(0, displayPrefixLength),
  };
}
