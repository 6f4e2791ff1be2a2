// The classes every line of a reconciliation falls in, with their labels and what their money at
// stake means. Pure: shared by the lib, the page's components and the CSV export.
export const RECONCILIATION_CLASSES = [
  "MATCHED",
  "QUANTITY_DIFFERS",
  "PRICE_DIFFERS",
  "BILLED_NOT_REPORTED",
  "REPORTED_NOT_BILLED",
  "UNREGISTERED_TENANT",
  "FOREIGN_SUBSCRIPTION",
] as const;

export type ReconciliationClassName = (typeof RECONCILIATION_CLASSES)[number];

export const RECONCILIATION_CLASS_LABELS: Record<ReconciliationClassName, string> = {
  MATCHED: "Matched",
  QUANTITY_DIFFERS: "Quantity differs",
  PRICE_DIFFERS: "Price differs",
  BILLED_NOT_REPORTED: "Billed, never reported by a stamp",
  REPORTED_NOT_BILLED: "Reported, not (yet) billed",
  UNREGISTERED_TENANT: "Unregistered tenant (default subscription)",
  FOREIGN_SUBSCRIPTION: "Not your customer's subscription",
};

export const RECONCILIATION_CLASS_HINTS: Record<ReconciliationClassName, string> = {
  MATCHED: "Microsoft billed what the stamps reported, at the same price.",
  QUANTITY_DIFFERS: "Quantities differ by more than the tolerance.",
  PRICE_DIFFERS: "Same quantity, different unit price.",
  BILLED_NOT_REPORTED: "Microsoft billed usage no stamp reported: at stake, the billed amount.",
  REPORTED_NOT_BILLED: "A stamp reported usage Microsoft has not billed: at stake, what it will cost.",
  UNREGISTERED_TENANT: "Billed to your default subscription because the tenant isn't registered: register it to bill the customer.",
  FOREIGN_SUBSCRIPTION: "Billed to a subscription that isn't one of your customers': at stake, the billed amount.",
};

export function isReconciliationClass(value: string): value is ReconciliationClassName {
  return (RECONCILIATION_CLASSES as readonly string[]).includes(value);
}
