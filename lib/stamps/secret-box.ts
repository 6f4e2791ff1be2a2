import "server-only";
// Secrets at rest (stamp connections' client secrets and private keys): AES-256-GCM under a key
// derived from STACKCENTER_SECRET_KEY (generated into .env.local on first start, like
// NEXTAUTH_SECRET). Stored as "v1:" + base64(iv | tag | ciphertext); the tag makes any tampering
// or a wrong key fail loudly instead of decrypting to garbage.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { DomainError } from "../errors";

function key(): Buffer {
  const secret = process.env.STACKCENTER_SECRET_KEY;
  if (!secret) {
    throw new DomainError("SecretKeyMissing", "Secrets can't be stored or read: STACKCENTER_SECRET_KEY is not configured.", { status: 503 });
  }
  return Buffer.from(hkdfSync("sha256", secret, "stackcenter", "stamp-connection-secrets", 32));
}

export function sealSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64")}`;
}

export function openSecret(stored: string): string {
  const bytes = Buffer.from(stored.replace(/^v1:/, ""), "base64");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    throw new DomainError("SecretUnreadable", "The stored secret can't be decrypted with the configured STACKCENTER_SECRET_KEY: enter it again.", {
      status: 409,
    });
  }
}
