// Input schemas of the registration service; shared with the forms and the ARM API (no "server-only").
import { z } from "zod";
import { decodeRegistrationToken } from "./decode-registration-token";

export const LOWERCASE_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ANY_GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
// ARM's resource group rule: 1–90 of letters, digits, _ - . ( ), not ending in a period.
const RESOURCE_GROUP = /^[-\w.()]{0,89}[-\w()]$/;
const RESOURCE_NAME = /^[A-Za-z0-9][A-Za-z0-9-_.]{0,79}$/;

export const BILLING_MODELS = ["PAY_AS_YOU_USE", "CAPACITY"] as const;

const guid = (label: string) =>
  z
    .string()
    .trim()
    .refine((value) => ANY_GUID.test(value), `${label} must be a GUID like 3f2504e0-4f89-41d3-9a0c-0305e82c3301.`)
    .transform((value) => value.toLowerCase());

export const registrationInputSchema = z
  .object({
    subscriptionId: guid("Registration subscription ID"),
    resourceGroup: z
      .string()
      .trim()
      .min(1, "Resource group is required.")
      .refine((value) => RESOURCE_GROUP.test(value), "Use 1–90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.'."),
    cloudDeploymentId: guid("CloudDeploymentID"),
    /** The stamp's ObjectId from its registration token; a new one is made when absent. */
    objectId: guid("ObjectId").optional(),
    marketplaceSyndicationEnabled: z.boolean().optional(),
    /** ARM tags, set by the API (checked there against ARM's limits). */
    tags: z.record(z.string(), z.string()).optional(),
    /** Defaults to azurestack-{cloudDeploymentId}, as Set-AzsRegistration names it. */
    name: z
      .string()
      .trim()
      .optional()
      .refine((value) => !value || RESOURCE_NAME.test(value), "Use up to 80 letters, digits, '-', '_' or '.'."),
    stampName: z.string().trim().min(1, "Stamp name is required.").max(80, "At most 80 characters."),
    stampRegion: z.string().trim().min(1, "Region is required.").max(60, "At most 60 characters."),
    billingModel: z.enum(BILLING_MODELS, { message: "Choose Pay-as-you-use or Capacity." }),
    agreementNumber: z.string().trim().max(40, "At most 40 characters.").optional(),
    usageReportingEnabled: z
      .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
      .optional()
      .transform((value) => value === true || value === "on" || value === "true"),
  })
  .superRefine((input, ctx) => {
    if (input.billingModel === "CAPACITY" && !input.agreementNumber) {
      ctx.addIssue({ code: "custom", path: ["agreementNumber"], message: "Capacity registrations need the agreement number of the capacity purchase." });
    }
  })
  .transform((input) => ({
    ...input,
    name: input.name || `azurestack-${input.cloudDeploymentId}`,
    agreementNumber: input.billingModel === "CAPACITY" ? input.agreementNumber : undefined,
    // Capacity (disconnected) stamps never report usage to commerce.
    usageReportingEnabled: input.billingModel === "CAPACITY" ? false : input.usageReportingEnabled,
  }));

export type RegistrationInput = z.output<typeof registrationInputSchema>;

/**
 * The "Register a stamp" form: a pasted registration token (the primary way) supplies the stamp's
 * values; without one the form's own fields do. A bad token is refused with
 * InvalidRegistrationToken on the registrationToken field (decodeRegistrationToken throws it).
 */
export const registrationFormSchema = z.preprocess((input) => {
  if (typeof input !== "object" || input === null) return input;
  const form = input as Record<string, unknown>;
  const token = typeof form.registrationToken === "string" ? form.registrationToken.trim() : "";
  // The form sends stampInput=token when the token is the chosen way: an empty one is then refused.
  if (!token && form.stampInput !== "token") return form;
  const content = decodeRegistrationToken(token);
  const capacity = content.BillingModel === "Capacity";
  return {
    ...form,
    cloudDeploymentId: content.CloudId,
    objectId: content.ObjectId,
    billingModel: capacity ? "CAPACITY" : "PAY_AS_YOU_USE",
    agreementNumber: capacity ? (content.AgreementNumber ?? undefined) : undefined,
    usageReportingEnabled: !capacity && content.UsageReportingEnabled,
    marketplaceSyndicationEnabled: content.MarketplaceSyndicationEnabled,
  };
}, registrationInputSchema);

export const reregisterSchema = z
  .object({
    registrationId: z.string().min(1),
    stampName: z.string().trim().min(1, "Stamp name is required.").max(80),
    stampRegion: z.string().trim().min(1, "Region is required.").max(60),
    billingModel: z.enum(BILLING_MODELS, { message: "Choose Pay-as-you-use or Capacity." }),
    agreementNumber: z.string().trim().max(40).optional(),
    /** Only from a registration token; unchanged when absent. */
    marketplaceSyndicationEnabled: z.boolean().optional(),
    usageReportingEnabled: z
      .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
      .optional()
      .transform((value) => value === true || value === "on" || value === "true"),
  })
  .superRefine((input, ctx) => {
    if (input.billingModel === "CAPACITY" && !input.agreementNumber) {
      ctx.addIssue({ code: "custom", path: ["agreementNumber"], message: "Capacity registrations need the agreement number of the capacity purchase." });
    }
  });

/** The customer subscription id is checked by the service (InvalidCustomerSubscriptionId), not here. */
export const customerSubscriptionInputSchema = z.object({
  customerSubscriptionId: z.string().trim(),
  tenantId: z.string().trim().optional(),
});
