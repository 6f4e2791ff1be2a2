// What a stamp's registration token carries. Get-AzsRegistrationToken (on the stamp's privileged
// endpoint) writes an opaque base64 string; the portal defines its content as base64 of a JSON
// object with these fields (docs/registration-service.md). Shared by the decoder, the encoder (the
// stamp simulator) and the forms: no "server-only".
import { z } from "zod";

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Billing models a token may name; Development is the ASDK's and is refused by the decoder. */
export const TOKEN_BILLING_MODELS = ["PayAsYouUse", "Capacity", "Development"] as const;

const guid = (field: string) =>
  z
    .string({ message: `${field} is required.` })
    .refine((value) => GUID.test(value), `${field} must be a GUID.`)
    .transform((value) => value.toLowerCase());

export const registrationTokenContentSchema = z
  .object({
    CloudId: guid("CloudId"),
    ObjectId: guid("ObjectId"),
    BillingModel: z.enum(TOKEN_BILLING_MODELS, { message: "BillingModel must be PayAsYouUse, Capacity or Development." }),
    UsageReportingEnabled: z.boolean({ message: "UsageReportingEnabled must be true or false." }),
    MarketplaceSyndicationEnabled: z.boolean({ message: "MarketplaceSyndicationEnabled must be true or false." }),
    AgreementNumber: z.string().trim().max(40, "AgreementNumber has at most 40 characters.").nullish(),
  })
  // A real token carries more (issue date, version, stamp details): kept out, never refused.
  .strip();

export type RegistrationTokenContent = z.output<typeof registrationTokenContentSchema>;
export type RegistrationTokenInput = z.input<typeof registrationTokenContentSchema>;
