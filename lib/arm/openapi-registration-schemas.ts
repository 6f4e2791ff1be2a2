// The registration API's schemas and sample error messages for the OpenAPI document
// (Microsoft.AzureStack, api-version 2017-06-01). Sample messages come from the service's own
// error factories, so the document shows what the API really says.
import { registrationErrors, type RegistrationErrorCode } from "../registrations/registration-errors";
import type { ArmApiErrorCode } from "./arm-error-codes";
import { MAX_TAGS } from "./arm-bodies";
import { ARM_BILLING_MODELS, CUSTOMER_SUBSCRIPTION_TYPE, REGISTRATION_API_VERSIONS, REGISTRATION_LOCATION, REGISTRATION_TYPE } from "./arm-shapes";
import type { JsonSchema } from "./openapi-types";

const [API_VERSION] = REGISTRATION_API_VERSIONS;
const SAMPLE_REF = { subscriptionId: "{subscriptionId}", resourceGroup: "{resourceGroup}", name: "{registrationName}" };
const SAMPLE_REGISTRATION_MESSAGES: Record<RegistrationErrorCode, string> = {
  RegistrationNotFound: registrationErrors.registrationNotFound(SAMPLE_REF).message,
  InvalidCustomerSubscriptionId: registrationErrors.invalidCustomerSubscriptionId("{customerSubscriptionId}").message,
  InvalidCSPSubscription: registrationErrors.invalidCspSubscription("{customerSubscriptionId}").message,
  BadCustomerSubscriptionId: registrationErrors.badCustomerSubscriptionId("{customerSubscriptionId}", "{registrationName}").message,
  CustomerSubscriptionNotFound: registrationErrors.customerSubscriptionNotFound("{customerSubscriptionId}", "{registrationName}").message,
  UnauthorizedCspRegistration: registrationErrors.unauthorizedCspRegistration("{registrationName}").message,
  CustomerSubscriptionsNotAllowed: registrationErrors.customerSubscriptionsNotAllowed().message,
  MetadataResolverBadGatewayError: registrationErrors.metadataResolverBadGateway().message,
};

// A Record over every code: adding a code to the status tables without a sample fails to compile.
export const SAMPLE_MESSAGES: Record<ArmApiErrorCode, string> = {
  ...SAMPLE_REGISTRATION_MESSAGES,
  MissingApiVersionParameter: "The api-version query parameter (?api-version=) is required for all requests.",
  InvalidApiVersionParameter: `The api-version '2099-01-01' is invalid. The supported versions are '${API_VERSION}'.`,
  InvalidRequestContent: "The request content was invalid and could not be deserialized: it is not valid JSON.",
  InvalidQueryParameterValue: "The query parameter '$top' must be an integer of at least 1.",
  InvalidRequestUri: "The request URI is not valid: the path segment '%zz' has malformed percent-encoding.",
  InvalidSubscriptionId: "The provided subscription identifier 'northwind' is malformed or invalid.",
  NoRegisteredProviderFound: "No registered resource provider found for namespace 'Microsoft.Compute'. This API serves the Microsoft.AzureStack provider only.",
  AuthenticationFailed: "Authentication failed. The 'Authorization' header is missing. Send 'Authorization: Bearer <API token>'.",
  InvalidResourceType: `The resource type 'registrations/edgeSubscriptions' could not be found in the namespace 'Microsoft.AzureStack' for api version '${API_VERSION}'.`,
  ResourceNotFound:
    "The Marketplace product '{productName}' was not found under registration '{registrationName}': Stackcenter does not syndicate Azure Stack Hub Marketplace items.",
  MethodNotAllowed: "The requested resource does not support http method 'POST'. It supports GET, PUT, PATCH, DELETE.",
  InternalServerError: "The server encountered an internal error. Try again later; if the problem persists, contact support with request id {id}.",
  ValidationFailed: "The registration has invalid values. (details lists each field)",
  Forbidden: "Your role does not allow this.",
  Conflict: "Registration '{registrationName}' belongs to the stamp with cloudId {cloudId}; a registration's cloudId can't change.",
  InvalidRegistrationToken: "The registration token is not valid: it is not base64 text. Copy the whole output of Get-AzsRegistrationToken.",
  RegistrationHasCustomerSubscriptions:
    "Registration '{registrationName}' still has 2 customer tenants. Remove them first (DELETE …/customerSubscriptions/{id}).",
  RegistrationHasUsage:
    "Registration '{registrationName}' has reported usage, which recon files and statements are built from: it stays for the billing history.",
  ServiceUnavailable: "Activation keys can't be issued: the portal has no signing secret (NEXTAUTH_SECRET) configured.",
};

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const tags: JsonSchema = { type: "object", additionalProperties: { type: "string", maxLength: 256 }, description: `At most ${MAX_TAGS} tags.` };
const list = (item: string, description: string): JsonSchema => ({
  type: "object",
  required: ["value"],
  properties: {
    value: { type: "array", items: ref(item) },
    nextLink: { type: ["string", "null"], description },
  },
});
const PAGED = "The same URL with $skipToken set, at the portal's public address (NEXTAUTH_URL); null on the last page.";

export const REGISTRATION_SCHEMAS: Record<string, JsonSchema> = {
  Registration: {
    type: "object",
    required: ["id", "name", "type", "location", "etag", "tags", "properties"],
    properties: {
      id: { type: "string", readOnly: true, description: "Normalised: lower-case GUIDs, the stored casing of names." },
      name: { type: "string", readOnly: true },
      type: { type: "string", const: REGISTRATION_TYPE },
      location: { type: "string", const: REGISTRATION_LOCATION },
      etag: { type: "string", readOnly: true, description: "Changes with every write." },
      tags,
      properties: {
        type: "object",
        required: ["objectId", "cloudId", "billingModel", "usageReportingEnabled", "marketplaceSyndicationEnabled"],
        properties: {
          objectId: { type: "string", format: "uuid", readOnly: true, description: "From the registration token (a new one when registered without a token)." },
          cloudId: { type: "string", format: "uuid", description: "The stamp's CloudDeploymentID." },
          billingModel: { type: "string", enum: ARM_BILLING_MODELS },
          usageReportingEnabled: { type: "boolean" },
          marketplaceSyndicationEnabled: { type: "boolean" },
        },
      },
    },
  },
  RegistrationList: list("Registration", PAGED),
  RegistrationPut: {
    type: "object",
    required: ["properties"],
    properties: {
      location: { type: "string", const: REGISTRATION_LOCATION },
      tags: { ...tags, description: "Kept as they are when left out." },
      properties: {
        type: "object",
        properties: {
          registrationToken: {
            type: "string",
            description:
              "The output of Get-AzsRegistrationToken: base64 of a JSON object with CloudId, ObjectId, BillingModel (PayAsYouUse | Capacity; " +
              "Development is refused), UsageReportingEnabled, MarketplaceSyndicationEnabled and AgreementNumber (Capacity). White space is ignored.",
          },
          cloudId: { type: "string", format: "uuid", description: "Without a token only (a Stackcenter extension), with billingModel." },
          billingModel: { type: "string", enum: ARM_BILLING_MODELS, description: "Without a token only." },
          usageReportingEnabled: { type: "boolean", description: "Without a token only. Default true for PayAsYouUse; Capacity is always false." },
          agreementNumber: { type: "string", maxLength: 40, description: "Without a token only. Required for Capacity; refused for PayAsYouUse." },
          stampName: { type: "string", maxLength: 80, description: "Default: the registration name." },
          stampRegion: { type: "string", maxLength: 60, default: "local" },
        },
      },
    },
  },
  RegistrationPatch: {
    type: "object",
    properties: {
      location: { type: "string", const: REGISTRATION_LOCATION },
      tags: { ...tags, description: "Replace the registration's tags." },
      properties: { type: "object", properties: { registrationToken: { type: "string", description: "A new token of the same stamp: re-registers it." } } },
    },
  },
  ActivationKeyResult: {
    type: "object",
    required: ["activationKey"],
    properties: { activationKey: { type: "string", description: "A signed JWT naming the registration and its stamp, valid for a year." } },
  },
  CustomerSubscription: {
    type: "object",
    required: ["id", "name", "type", "properties"],
    properties: {
      id: { type: "string", readOnly: true },
      name: { type: "string", description: "The customer subscription id.", readOnly: true },
      type: { type: "string", const: CUSTOMER_SUBSCRIPTION_TYPE },
      properties: { type: "object", required: ["tenantId"], properties: { tenantId: { type: "string", format: "uuid" } } },
    },
  },
  CustomerSubscriptionPut: {
    type: "object",
    description: "May be empty ({}): the tenant is resolved from the subscription.",
    properties: {
      properties: {
        type: "object",
        properties: { tenantId: { type: "string", format: "uuid", description: "Checked against the subscription's directory when given." } },
      },
    },
  },
  CustomerSubscriptionList: list("CustomerSubscription", PAGED),
  ProductList: list("Product", "Always null."),
  Product: { type: "object", description: "Never returned: Stackcenter does not syndicate Marketplace items.", properties: { id: { type: "string" } } },
  OperationList: {
    type: "object",
    required: ["value"],
    properties: {
      value: {
        type: "array",
        items: {
          type: "object",
          required: ["name", "display", "origin"],
          properties: {
            name: { type: "string" },
            origin: { type: "string" },
            display: {
              type: "object",
              properties: { provider: { type: "string" }, resource: { type: "string" }, operation: { type: "string" }, description: { type: "string" } },
            },
          },
        },
      },
    },
  },
};
