// The ARM resource shapes of Microsoft.AzureStack/registrations (api-version 2017-06-01): resource
// ids, types, the mapping of Stackcenter's records to ARM JSON, request body schemas, and list paging.
// No "server-only" and no database: the OpenAPI document and tests share these definitions.
import { createHash } from "node:crypto";
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

// Ids are normalised: the registration record's casing of its resource group and name (ARM names
// are case-insensitive, so a caller may have typed another), lowercase GUIDs, canonical segment names.
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

export type ArmTags = Record<string, string>;

export interface ArmRegistrationResource {
  id: string;
  name: string;
  type: typeof REGISTRATION_TYPE;
  location: typeof REGISTRATION_LOCATION;
  etag: string;
  tags: ArmTags;
  properties: {
    objectId: string;
    cloudId: string;
    billingModel: ArmBillingModel;
    usageReportingEnabled: boolean;
    marketplaceSyndicationEnabled: boolean;
  };
}

/** A strong ETag of the registration's current state (changes with every write), quoted as ARM sends it. */
export function registrationEtag(registration: { id: string; updatedAt: Date }): string {
  const hex = createHash("sha256").update(`${registration.id}|${registration.updatedAt.toISOString()}`).digest("hex");
  return `"${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}"`;
}

/** Stored tags as ARM answers them: only string values survive a round trip through JSON. */
export function armTagsOf(stored: unknown): ArmTags {
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return {};
  return Object.fromEntries(Object.entries(stored).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

export function registrationResource(registration: {
  id: string;
  updatedAt: Date;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  objectId: string;
  cloudDeploymentId: string;
  billingModel: BillingModel;
  usageReportingEnabled: boolean;
  marketplaceSyndicationEnabled: boolean;
  tags: unknown;
}): ArmRegistrationResource {
  return {
    id: registrationResourceId(registration),
    name: registration.name,
    type: REGISTRATION_TYPE,
    location: REGISTRATION_LOCATION,
    etag: registrationEtag(registration),
    tags: armTagsOf(registration.tags),
    properties: {
      objectId: registration.objectId,
      cloudId: registration.cloudDeploymentId,
      billingModel: toArmBillingModel(registration.billingModel),
      usageReportingEnabled: registration.usageReportingEnabled,
      marketplaceSyndicationEnabled: registration.marketplaceSyndicationEnabled,
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
