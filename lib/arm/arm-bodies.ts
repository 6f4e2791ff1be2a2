// Request bodies of the registration API (api-version 2017-06-01) and what they mean: the
// registration PUT/PATCH body (Azure's RegistrationParameter: location + properties.registrationToken,
// plus ARM tags) and the customer subscription PUT body. No "server-only": the OpenAPI document
// and the tests read the same schemas.
import { z } from "zod";
import { decodeRegistrationToken } from "../registrations/decode-registration-token";
import { ARM_BILLING_MODELS, REGISTRATION_LOCATION, type ArmBillingModel, type ArmTags } from "./arm-shapes";

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** ARM's limits on tags: 50 per resource, names up to 512 characters, values up to 256. */
export const MAX_TAGS = 50;
export const tagsSchema = z
  .record(
    z.string().min(1, "Tag names can't be empty.").max(512, "Tag names have at most 512 characters."),
    z.string({ message: "Tag values must be strings." }).max(256, "Tag values have at most 256 characters."),
  )
  .refine((tags) => Object.keys(tags).length <= MAX_TAGS, `A registration has at most ${MAX_TAGS} tags.`);

const location = z
  .string()
  .optional()
  .refine((value) => value === undefined || value.toLowerCase() === REGISTRATION_LOCATION, "Registrations are global: location must be 'global'.");

const registrationProperties = z.object({
  registrationToken: z
    .string()
    .max(16 * 1024, "registrationToken is longer than a stamp's token can be.")
    .optional(),
  // Without a token, the stamp's values may be given one by one (a Stackcenter extension).
  cloudId: z.string().trim().optional(),
  billingModel: z.enum(ARM_BILLING_MODELS, { message: "billingModel must be 'PayAsYouUse' or 'Capacity'." }).optional(),
  usageReportingEnabled: z.boolean().optional(),
  agreementNumber: z.string().trim().max(40).optional(),
  stampName: z.string().trim().max(80).optional(),
  stampRegion: z.string().trim().max(60).optional(),
});

/** PUT …/registrations/{name}: `{"location":"global","properties":{"registrationToken":"…"}}`. */
export const registrationBodySchema = z
  .object({
    location,
    tags: tagsSchema.optional(),
    properties: registrationProperties.optional(),
  })
  .superRefine((body, ctx) => {
    const properties = body.properties;
    if (!properties) {
      ctx.addIssue({ code: "custom", path: ["properties"], message: "properties.registrationToken is required: the output of Get-AzsRegistrationToken." });
      return;
    }
    if (properties.registrationToken !== undefined) return;
    if (!properties.cloudId) {
      ctx.addIssue({
        code: "custom",
        path: ["properties", "registrationToken"],
        message: "registrationToken (the output of Get-AzsRegistrationToken) is required.",
      });
    }
    if (!properties.billingModel) {
      ctx.addIssue({ code: "custom", path: ["properties", "billingModel"], message: "billingModel must be 'PayAsYouUse' or 'Capacity'." });
    }
    // Refused rather than silently dropped, so a script learns its request doesn't mean what it thinks.
    if (properties.billingModel === "Capacity" && properties.usageReportingEnabled === true) {
      const message = "Capacity registrations don't report usage: omit usageReportingEnabled or set it to false.";
      ctx.addIssue({ code: "custom", path: ["properties", "usageReportingEnabled"], message });
    }
    if (properties.billingModel === "PayAsYouUse" && properties.agreementNumber) {
      ctx.addIssue({ code: "custom", path: ["properties", "agreementNumber"], message: "agreementNumber applies to Capacity registrations only." });
    }
  });

/** PATCH …/registrations/{name}: new tags, and/or a new token (the same as re-registering). */
export const registrationPatchSchema = z.object({
  location,
  tags: tagsSchema.optional(),
  properties: z
    .object({
      registrationToken: z
        .string()
        .max(16 * 1024)
        .optional(),
    })
    .optional(),
});

/** What a registration PUT says about the stamp, whether from its token or given one by one. */
export interface StampRegistrationValues {
  cloudId: string;
  objectId?: string;
  billingModel: ArmBillingModel;
  usageReportingEnabled?: boolean;
  marketplaceSyndicationEnabled?: boolean;
  agreementNumber?: string;
  stampName?: string;
  stampRegion?: string;
}

/** The stamp's values of a parsed PUT body; a token is decoded here (InvalidRegistrationToken when bad). */
export function stampValuesOf(properties: z.output<typeof registrationProperties>): StampRegistrationValues {
  const extras = { stampName: properties.stampName || undefined, stampRegion: properties.stampRegion || undefined };
  if (properties.registrationToken !== undefined) {
    const token = decodeRegistrationToken(properties.registrationToken);
    return {
      cloudId: token.CloudId,
      objectId: token.ObjectId,
      billingModel: token.BillingModel === "Capacity" ? "Capacity" : "PayAsYouUse",
      // Capacity (disconnected) stamps never report usage, whatever the token says.
      usageReportingEnabled: token.BillingModel === "Capacity" ? false : token.UsageReportingEnabled,
      marketplaceSyndicationEnabled: token.MarketplaceSyndicationEnabled,
      agreementNumber: token.BillingModel === "Capacity" ? (token.AgreementNumber ?? undefined) : undefined,
      ...extras,
    };
  }
  return {
    cloudId: properties.cloudId ?? "",
    billingModel: properties.billingModel ?? "PayAsYouUse",
    usageReportingEnabled: properties.usageReportingEnabled,
    agreementNumber: properties.agreementNumber || undefined,
    ...extras,
  };
}

export type RegistrationBody = z.output<typeof registrationBodySchema>;
export type RegistrationPatchBody = z.output<typeof registrationPatchSchema>;
export type { ArmTags };

/**
 * PUT …/customerSubscriptions/{id}: `{"properties":{"tenantId":"…"}}`, where tenantId is optional
 * (the tenant is resolved from the subscription): `{}` and `{"properties":{}}` are what Microsoft's
 * SDK sends without one.
 */
export const customerSubscriptionBodySchema = z.object({
  properties: z
    .object({
      tenantId: z.string().trim().regex(GUID, "tenantId must be the customer's directory (tenant) ID, a GUID.").optional(),
    })
    .optional(),
});
