// The credential of the portal's own alert webhook trigger (POST /api/alerts/deliver-due): derived
// from NEXTAUTH_SECRET, so every process of one portal knows it and nobody else does. No
// "server-only": the schedule (instrumentation.ts) computes it outside the React server bundle.
import { hkdfSync, timingSafeEqual } from "node:crypto";

export function alertDeliveryToken(): string | null {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) return null;
  return Buffer.from(hkdfSync("sha256", secret, "stackcenter", "alert-webhook-trigger", 32)).toString("base64url");
}

export function isAlertDeliveryToken(candidate: string | null): boolean {
  const expected = alertDeliveryToken();
  if (!expected || !candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
