// Typed error codes of the chargeback domain (beside the common ones in lib/errors.ts).
export const CHARGEBACK_ERROR_CODES = {
  /** Only the partner Microsoft bills (a direct CSP or a distributor) prices its customers. */
  NotBillingPartner: "NotBillingPartner",
  /** A card for that subject already exists for this partner. */
  RateCardExists: "RateCardExists",
  /** A version with that effective date already exists on the card. */
  VersionDateTaken: "VersionDateTaken",
  /** The version to replace took effect before today: it has priced usage already. */
  VersionAlreadyStarted: "VersionAlreadyStarted",
  /** The effective date falls in a closed billing period. */
  EffectiveDateInClosedPeriod: "EffectiveDateInClosedPeriod",
  /** An entry names a meter that isn't in the catalog, or prices a meter the wrong way. */
  InvalidRateEntry: "InvalidRateEntry",
} as const;

export type ChargebackErrorCode = (typeof CHARGEBACK_ERROR_CODES)[keyof typeof CHARGEBACK_ERROR_CODES];
