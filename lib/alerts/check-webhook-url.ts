import "server-only";
// Where alerts may be POSTed: https anywhere; plain http only to this machine (localhost,
// 127.0.0.1, ::1) outside production, or when ALERT_WEBHOOKS_ALLOW_LOCAL_HTTP=1 (the e2e server's
// receiver). No credentials in the URL: the signature is the credential.
import { COMMON_ERROR_CODES, DomainError } from "../errors";
import { ALERT_ERROR_CODES } from "./alert-error-codes";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function checkWebhookUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DomainError(COMMON_ERROR_CODES.ValidationFailed, "Enter a full URL, e.g. https://hooks.example.com/stackcenter.", {
      fields: { url: "Enter a full URL, e.g. https://hooks.example.com/stackcenter." },
    });
  }
  const localHttpAllowed = process.env.NODE_ENV !== "production" || process.env.ALERT_WEBHOOKS_ALLOW_LOCAL_HTTP === "1";
  const allowed = url.protocol === "https:" || (url.protocol === "http:" && localHttpAllowed && LOCAL_HOSTS.has(url.hostname));
  if (!allowed) {
    const message = "Use an https:// URL (plain http only to localhost, in development and tests).";
    throw new DomainError(ALERT_ERROR_CODES.WebhookUrlRefused, message, { fields: { url: message } });
  }
  if (url.username || url.password) {
    const message = "Leave user and password out of the URL: receivers check the signature instead.";
    throw new DomainError(ALERT_ERROR_CODES.WebhookUrlRefused, message, { fields: { url: message } });
  }
  return url.toString();
}
