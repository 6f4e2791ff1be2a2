// Webhook signatures: `Stackcenter-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`
// with the webhook's secret — the timestamp is signed too, so a receiver can refuse replays (docs/alerts.md).
// Pure node:crypto; receivers (and the tests) verify with verifyAlertSignature.
import { createHmac, timingSafeEqual } from "node:crypto";

export const ALERT_SIGNATURE_HEADER = "stackcenter-signature";

export function signAlertPayload(secret: string, body: string, timestampSeconds: number): string {
  const digest = createHmac("sha256", secret).update(`${timestampSeconds}.${body}`).digest("hex");
  return `t=${timestampSeconds},v1=${digest}`;
}

/** Whether `header` signs `body` with `secret`, within `toleranceSeconds` of `nowSeconds`. */
export function verifyAlertSignature(secret: string, body: string, header: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = new Map(header.split(",").map((part) => part.split("=", 2) as [string, string]));
  const timestamp = Number(parts.get("t"));
  const given = parts.get("v1") ?? "";
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = signAlertPayload(secret, body, timestamp).split("v1=")[1];
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
