// Typed error codes of the reconciliation (beside the common ones in lib/errors.ts). Pure.
export const RECONCILIATION_ERROR_CODES = {
  /** Only the partner Microsoft bills (a direct CSP or a distributor) reconciles Microsoft's bill. */
  NotBillingPartner: "NotBillingPartner",
  /** Nothing imported for the period yet (review, tolerance). */
  NothingImported: "NothingImported",
} as const;
