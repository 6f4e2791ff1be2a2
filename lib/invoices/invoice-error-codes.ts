// The invoice domain's own error codes (besides the common ones); the UI shows their messages.
export const INVOICE_ERROR_CODES = {
  SendingDisabled: "SendingDisabled",
  DeliveryFailed: "DeliveryFailed",
} as const;
