// The registration API's part of the OpenAPI document (Microsoft.AzureStack/registrations and
// customerSubscriptions, api-version 2017-06-01). Error codes and statuses come from the shared
// tables; sample messages come from the service's own error factories.
import { registrationErrors, type RegistrationErrorCode } from "../registrations/registration-errors";
import type { ArmApiErrorCode } from "./arm-error-codes";
import {
  ARM_BILLING_MODELS,
  CUSTOMER_SUBSCRIPTION_TYPE,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  REGISTRATION_API_VERSIONS,
  REGISTRATION_LOCATION,
  REGISTRATION_TYPE,
} from "./arm-shapes";
import { armErrorResponses, type JsonSchema, type OpenApiContribution, type OpenApiOperation, type OpenApiResponse } from "./openapi-types";

const [API_VERSION] = REGISTRATION_API_VERSIONS;
const TAG = "Registrations";
const REGISTRATION_PATH =
  "/api/arm/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.AzureStack/registrations/{registrationName}";

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
const SAMPLE_MESSAGES: Record<ArmApiErrorCode, string> = {
  ...SAMPLE_REGISTRATION_MESSAGES,
  MissingApiVersionParameter: "The api-version query parameter (?api-version=) is required for all requests.",
  InvalidApiVersionParameter: `The api-version '2099-01-01' is invalid. The supported versions are '${API_VERSION}'.`,
  InvalidRequestContent: "The request content was invalid and could not be deserialized: it is not valid JSON.",
  InvalidQueryParameterValue: "The query parameter '$top' must be an integer of at least 1.",
  AuthenticationFailed: "Authentication failed. The 'Authorization' header is missing. Send 'Authorization: Bearer <API token>'.",
  InternalServerError: "The server encountered an internal error. Try again later; if the problem persists, contact support with request id {id}.",
  ValidationFailed: "The registration has invalid values. (details lists each field)",
  Conflict: "Registration '{registrationName}' belongs to the stamp with cloudId {cloudId}; a registration's cloudId can't change.",
};

/** Every operation can answer these (authentication, api-version, unexpected failure). */
const ALWAYS: ArmApiErrorCode[] = ["AuthenticationFailed", "MissingApiVersionParameter", "InvalidApiVersionParameter", "InternalServerError"];

function errors(...codes: ArmApiErrorCode[]): Record<string, OpenApiResponse> {
  return armErrorResponses([...ALWAYS, ...codes], (code) => SAMPLE_MESSAGES[code]);
}

const json = (schema: JsonSchema, description: string): OpenApiResponse => ({ description, content: { "application/json": { schema } } });
const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const param = (name: string) => ({ $ref: `#/components/parameters/${name}` });

const pathParams = [param("subscriptionId"), param("resourceGroup"), param("registrationName"), param("apiVersion")];

function operation(op: Omit<OpenApiOperation, "tags">): OpenApiOperation {
  return { tags: [TAG], ...op };
}

const CUSTOMER_SUBSCRIPTION_CODES: ArmApiErrorCode[] = [
  "InvalidRequestContent",
  "ValidationFailed",
  "RegistrationNotFound",
  "InvalidCustomerSubscriptionId",
  "InvalidCSPSubscription",
  "BadCustomerSubscriptionId",
  "UnauthorizedCspRegistration",
  "CustomerSubscriptionsNotAllowed",
  "MetadataResolverBadGatewayError",
];

export const registrationsOpenApi: OpenApiContribution = {
  tags: [{ name: TAG, description: "Azure Stack Hub registrations and the customer tenants (CSP subscriptions) added to them." }],
  parameters: {
    subscriptionId: { name: "subscriptionId", in: "path", required: true, description: "The registration (default) subscription.", schema: { type: "string", format: "uuid" } },
    resourceGroup: { name: "resourceGroup", in: "path", required: true, schema: { type: "string", maxLength: 90 } },
    registrationName: { name: "registrationName", in: "path", required: true, description: "Usually azurestack-{cloudId}.", schema: { type: "string", maxLength: 80 } },
    customerSubscriptionId: {
      name: "customerSubscriptionId",
      in: "path",
      required: true,
      description: "The customer's CSP subscription: a lowercase GUID.",
      schema: { type: "string", pattern: "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$" },
    },
    apiVersion: { name: "api-version", in: "query", required: true, schema: { type: "string", enum: REGISTRATION_API_VERSIONS } },
  },
  schemas: {
    Registration: {
      type: "object",
      required: ["id", "name", "type", "location", "properties"],
      properties: {
        id: { type: "string", readOnly: true },
        name: { type: "string", readOnly: true },
        type: { type: "string", const: REGISTRATION_TYPE },
        location: { type: "string", const: REGISTRATION_LOCATION },
        properties: {
          type: "object",
          required: ["objectId", "cloudId", "billingModel", "usageReportingEnabled", "marketplaceSyndicationEnabled"],
          properties: {
            objectId: { type: "string", format: "uuid", readOnly: true },
            cloudId: { type: "string", format: "uuid", description: "The stamp's CloudDeploymentID." },
            billingModel: { type: "string", enum: ARM_BILLING_MODELS },
            usageReportingEnabled: { type: "boolean" },
            marketplaceSyndicationEnabled: { type: "boolean", const: false },
          },
        },
      },
    },
    RegistrationPut: {
      type: "object",
      required: ["properties"],
      properties: {
        location: { type: "string", const: REGISTRATION_LOCATION },
        tags: { type: "object", additionalProperties: { type: "string" }, description: "Accepted, not stored." },
        properties: {
          type: "object",
          required: ["cloudId", "billingModel"],
          properties: {
            cloudId: { type: "string", format: "uuid", description: "Fixed once registered: a different cloudId on an existing registration is 409 Conflict." },
            billingModel: { type: "string", enum: ARM_BILLING_MODELS },
            usageReportingEnabled: { type: "boolean", description: "Default true for PayAsYouUse; Capacity is always false." },
            agreementNumber: { type: "string", maxLength: 40, description: "Required for Capacity; refused for PayAsYouUse." },
            stampName: { type: "string", maxLength: 80, description: "Default: the registration name." },
            stampRegion: { type: "string", maxLength: 60, default: "local" },
          },
        },
      },
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
      required: ["properties"],
      properties: {
        properties: {
          type: "object",
          properties: { tenantId: { type: "string", format: "uuid", description: "Checked against the subscription's directory when given." } },
        },
      },
    },
    CustomerSubscriptionList: {
      type: "object",
      required: ["value", "nextLink"],
      properties: {
        value: { type: "array", items: ref("CustomerSubscription") },
        nextLink: { type: ["string", "null"], description: "The same URL with $skipToken set; null on the last page." },
      },
    },
  },
  paths: {
    [REGISTRATION_PATH]: {
      parameters: pathParams,
      get: operation({ operationId: "Registrations_Get", summary: "Get a registration", responses: { "200": json(ref("Registration"), "The registration."), ...errors("RegistrationNotFound") } }),
      put: operation({
        operationId: "Registrations_CreateOrUpdate",
        summary: "Register a stamp, or re-register it (billing model, usage reporting, agreement number)",
        requestBody: { required: true, content: { "application/json": { schema: ref("RegistrationPut") } } },
        responses: {
          "200": json(ref("Registration"), "Re-registered, or unchanged."),
          "201": json(ref("Registration"), "Registered."),
          ...errors("InvalidRequestContent", "ValidationFailed", "Conflict"),
        },
      }),
    },
    [`${REGISTRATION_PATH}/customerSubscriptions`]: {
      parameters: pathParams,
      get: operation({
        operationId: "CustomerSubscriptions_List",
        summary: "List the customer subscriptions added to a registration",
        parameters: [
          { name: "$top", in: "query", description: `Page size (default ${DEFAULT_PAGE_SIZE}).`, schema: { type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE } },
          { name: "$skipToken", in: "query", description: "Continuation from nextLink.", schema: { type: "string" } },
        ],
        responses: { "200": json(ref("CustomerSubscriptionList"), "A page of customer subscriptions."), ...errors("InvalidQueryParameterValue", "RegistrationNotFound") },
      }),
    },
    [`${REGISTRATION_PATH}/customerSubscriptions/{customerSubscriptionId}`]: {
      parameters: [...pathParams, param("customerSubscriptionId")],
      put: operation({
        operationId: "CustomerSubscriptions_Create",
        summary: "Add a customer tenant to the registration (one subscription per tenant: a second one replaces the first)",
        requestBody: { required: true, content: { "application/json": { schema: ref("CustomerSubscriptionPut") } } },
        responses: {
          "200": json(ref("CustomerSubscription"), "Replaced the tenant's previous subscription, or unchanged."),
          "201": json(ref("CustomerSubscription"), "Added."),
          ...errors(...CUSTOMER_SUBSCRIPTION_CODES),
        },
      }),
      get: operation({
        operationId: "CustomerSubscriptions_Get",
        summary: "Verify a customer subscription was added",
        responses: { "200": json(ref("CustomerSubscription"), "The customer subscription."), ...errors("RegistrationNotFound", "CustomerSubscriptionNotFound") },
      }),
      delete: operation({
        operationId: "CustomerSubscriptions_Delete",
        summary: "Remove a customer tenant: its usage falls back to the registration's default subscription",
        responses: { "204": { description: "Removed." }, ...errors("RegistrationNotFound", "CustomerSubscriptionNotFound") },
      }),
    },
  },
};
