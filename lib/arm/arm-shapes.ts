// The ARM resource shapes of Microsoft.AzureStack/registrations (api-version 2017-06-01): resource
// ids, types, the mapping of Stackcenter's records to ARM JSON, request body schemas, and list paging.
// No "server-only" and no database: the OpenAPI document and tests share these definitions.
import { z } from "zod";
import type { BillingModel } from "../../generated/prisma/enums";
import type { ArmRegistrationRef } from "../registrations/registration-errors";
import { armRequestError } from "./arm-error-codes";

/** The registration API's versions (Microsoft.AzureStack/registrations). */
export const REGISTRATION_API_VERSIONS = ["2017-06-01"] as const;

export const ARM_PROVIDER_NAMESPACE = "Microsoft.AzureStack";
export const REGISTRATION_TYPE = "Microsoft.AzureStack/registrations";
export const CUSTOMER_SUBSCRIPTION_TYPE = "Microsoft.AzureStack/registrations/customerSubscriptions";
/** Registrations are global resources. */
export const REGISTRATION_LOCATION = "global";

/** The route params of the registration path (folder names under app/api/arm). */
export interface RegistrationPathParams {
  subscriptionId: string;
  resourceGroup: string;
  registrationName: string;
}

export interface CustomerSubscriptionPathParams extends RegistrationPathParams {
  customerSubscriptionId: string;
}

export function registrationRefOf(params: RegistrationPathParams): ArmRegistrationRef {
  return { subscriptionId: params.subscriptionId, resourceGroup: params.resourceGroup, name: params.registrationName };
}

// Ids use the registration record's casing for the registration itself, and the caller's path for
// child resources (ARM ids are case-insensitive); subscription GUIDs are always lowercase.
export function registrationResourceId(ref: ArmRegistrationRef): string {
  return `/subscriptions/${ref.subscriptionId.toLowerCase()}/resourceGroups/${ref.resourceGroup}/providers/${ARM_PROVIDER_NAMESPACE}/registrations/${ref.name}`;
}

export function customerSubscriptionResourceId(ref: ArmRegistrationRef, customerSubscriptionId: string): string {
  return `${registrationResourceId(ref)}/customerSubscriptions/${customerSubscriptionId}`;
}

export const ARM_BILLING_MODELS = ["PayAsYouUse", "Capacity"] as const;
export type ArmBillingModel = (typeof ARM_BILLING_MODELS)[number];

const TO_ARM_BILLING_MODEL: Record<BillingModel, ArmBillingModel> = { PAY_AS_YOU_USE: "PayAsYouUse", CAPACITY: "Capacity" };
const FROM_ARM_BILLING_MODEL: Record<ArmBillingModel, BillingModel> = { PayAsYouUse: "PAY_AS_YOU_USE", Capacity: "CAPACITY" };

export const toArmBillingModel = (model: BillingModel): ArmBillingModel => TO_ARM_BILLING_MODEL[model];
export const fromArmBillingModel = (model: ArmBillingModel): BillingModel => FROM_ARM_BILLING_MODEL[model];

export interface ArmRegistrationResource {
  id: string;
  name: string;
  type: typeof REGISTRATION_TYPE;
  location: typeof REGISTRATION_LOCATION;
  properties: {
    objectId: string;
    cloudId: string;
    billingModel: ArmBillingModel;
    usageReportingEnabled: boolean;
    marketplaceSyndicationEnabled: boolean;
  };
}

export function registrationResource(registration: {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  objectId: string;
  cloudDeploymentId: string;
  billingModel: BillingModel;
  usageReportingEnabled: boolean;
}): ArmRegistrationResource {
  return {
    id: registrationResourceId(registration),
    name: registration.name,
    type: REGISTRATION_TYPE,
    location: REGISTRATION_LOCATION,
    properties: {
      objectId: registration.objectId,
      cloudId: registration.cloudDeploymentId,
      billingModel: toArmBillingModel(registration.billingModel),
      usageReportingEnabled: registration.usageReportingEnabled,
      // Stackcenter doesn't syndicate Marketplace items: always false.
      marketplaceSyndicationEnabled: false,
    },
  };
}

export interface ArmCustomerSubscriptionResource {
  id: string;
  name: string;
  type: typeof CUSTOMER_SUBSCRIPTION_TYPE;
  properties: { tenantId: string };
}

export function customerSubscriptionResource(
  ref: ArmRegistrationRef,
  row: { customerSubscriptionId: string; tenantId: string },
): ArmCustomerSubscriptionResource {
  return {
    id: customerSubscriptionResourceId(ref, row.customerSubscriptionId),
    name: row.customerSubscriptionId,
    type: CUSTOMER_SUBSCRIPTION_TYPE,
    properties: { tenantId: row.tenantId },
  };
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** PUT …/customerSubscriptions/{id}: `{"properties":{"tenantId":"…"}}` (tenantId checked against the subscription's directory). */
export const customerSubscriptionBodySchema = z.object({
  properties: z.object({
    tenantId: z.string().trim().regex(GUID, "tenantId must be the customer's directory (tenant) ID, a GUID.").optional(),
  }),
});

/** PUT …/registrations/{name}. `tags` are accepted for ARM compatibility but not stored. */
export const registrationBodySchema = z
  .object({
    location: z
      .string()
      .optional()
      .refine((value) => value === undefined || value.toLowerCase() === REGISTRATION_LOCATION, "Registrations are global: location must be 'global'."),
    tags: z.record(z.string(), z.string()).optional(),
    properties: z.object({
      cloudId: z.string().trim().min(1, "cloudId (the stamp's CloudDeploymentID) is required."),
      billingModel: z.enum(ARM_BILLING_MODELS, { message: "billingModel must be 'PayAsYouUse' or 'Capacity'." }),
      usageReportingEnabled: z.boolean().optional(),
      agreementNumber: z.string().trim().optional(),
      stampName: z.string().trim().optional(),
      stampRegion: z.string().trim().optional(),
    }),
  })
  .superRefine((body, ctx) => {
    // Refused rather than silently dropped, so a script learns its request doesn't mean what it thinks.
    const { billingModel, usageReportingEnabled, agreementNumber } = body.properties;
    if (billingModel === "Capacity" && usageReportingEnabled === true) {
      const message = "Capacity registrations don't report usage: omit usageReportingEnabled or set it to false.";
      ctx.addIssue({ code: "custom", path: ["properties", "usageReportingEnabled"], message });
    }
    if (billingModel === "PayAsYouUse" && agreementNumber) {
      ctx.addIssue({ code: "custom", path: ["properties", "agreementNumber"], message: "agreementNumber applies to Capacity registrations only." });
    }
  });

export type RegistrationBody = z.output<typeof registrationBodySchema>;

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

/** `$top` (page size) and `$skipToken` (an offset, as this API's nextLink writes it). */
export function parsePage(url: URL): { skip: number; take: number } {
  return {
    skip: nonNegativeInteger(url, "$skipToken") ?? 0,
    take: Math.min(nonNegativeInteger(url, "$top", 1) ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
  };
}

function nonNegativeInteger(url: URL, name: string, min = 0): number | null {
  const raw = url.searchParams.get(name);
  if (raw === null) return null;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < min) {
    throw armRequestError("InvalidQueryParameterValue", `The query parameter '${name}' must be an integer of at least ${min}.`, {
      [name]: `Got '${raw}'.`,
    });
  }
  return Number(raw);
}

/** The caller's URL unchanged (api-version, $top…) with `$skipToken=<offset of the next page>`. */
export function nextLink(url: URL, nextSkip: number | null): string | null {
  if (nextSkip === null) return null;
  const kept = url.search
    .slice(1)
    .split("&")
    .filter((pair) => pair && !/^(\$|%24)skipToken=/i.test(pair))
    // Next re-encodes "$top" as "%24top"; give the caller back the spelling ARM documents.
    .map((pair) => pair.replace(/^%24/, "$"));
  return `${url.origin}${url.pathname}?${[...kept, `$skipToken=${nextSkip}`].join("&")}`;
}
