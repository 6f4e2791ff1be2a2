// What the simulated stamp's privileged endpoint answers to Get-AzsRegistrationToken: a token
// naming the stamp (its CloudId and ObjectId derive from the simulator's seed, or are a demo
// registration's), for the portal's "Register a stamp" form or a registration PUT.
import { encodeRegistrationToken } from "../registrations/encode-registration-token";
import { guidFor } from "./random";

export interface StampTokenOptions {
  seed: string;
  /** A known stamp's ids (e.g. a demo registration's), instead of ones derived from the seed. */
  cloudId?: string;
  objectId?: string;
  billingModel?: "PayAsYouUse" | "Capacity";
  agreementNumber?: string;
}

export function stampRegistrationToken(options: StampTokenOptions): string {
  const capacity = options.billingModel === "Capacity";
  return encodeRegistrationToken({
    CloudId: options.cloudId ?? guidFor(`${options.seed}:cloud`),
    ObjectId: options.objectId ?? guidFor(`${options.seed}:registration-object`),
    BillingModel: capacity ? "Capacity" : "PayAsYouUse",
    UsageReportingEnabled: !capacity,
    MarketplaceSyndicationEnabled: false,
    AgreementNumber: capacity ? (options.agreementNumber ?? "AZS-CAPACITY-1") : null,
  });
}
