// Typed error codes of the alert actions, beside the common ones (lib/errors.ts).
export const ALERT_ERROR_CODES = {
  /** A webhook URL that isn't https (or http to this machine where allowed). */
  WebhookUrlRefused: "WebhookUrlRefused",
  /** A partner keeps at most MAX_ALERT_WEBHOOKS webhooks. */
  TooManyWebhooks: "TooManyWebhooks",
  /** Alerts are a partner's concern: a platform operator has no alert settings or webhooks. */
  NoPartner: "NoPartner",
} as const;

export const MAX_ALERT_WEBHOOKS = 10;
