// A webhook signing secret: "whsec_" + 32 random bytes (base64url). Shown once, stored sealed.
import { randomBytes } from "node:crypto";

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}
