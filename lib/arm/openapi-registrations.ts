// The registration API's part of the OpenAPI document: every path of ARM_PATHS with the statuses
// the server answers (the official spec's: customer subscription PUT 200 only; DELETEs 200 or
// 204). Error codes and statuses come from the shared tables (arm-error-codes.ts).
import type { ArmApiErrorCode } from "./arm-error-codes";
import { ARM_PATH_PREFIX } from "./arm-path";
import { ARM_PATHS } from "./arm-route-patterns";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, REGISTRATION_API_VERSIONS } from "./arm-shapes";
import { REGISTRATION_SCHEMAS, SAMPLE_MESSAGES } from "./openapi-registration-schemas";
import { armErrorResponses, type JsonSchema, type OpenApiContribution, type OpenApiOperation, type OpenApiResponse } from "./openapi-types";

const TAG = "Registrations";

/** Every operation can answer these (authentication, api-version, a malformed URI, unexpected failure). */
const ALWAYS: ArmApiErrorCode[] = [
  "AuthenticationFailed",
  "MissingApiVersionParameter",
  "InvalidApiVersionParameter",
  "InvalidRequestUri",
  "InternalServerError",
];
/** Operations under /subscriptions/{subscriptionId}. */
const SUBSCRIPTION: ArmApiErrorCode[] = ["InvalidSubscriptionId"];
const WRITE: ArmApiErrorCode[] = [...SUBSCRIPTION, "Forbidden", "RegistrationNotFound"];

function errors(...codes: ArmApiErrorCode[]): Record<string, OpenApiResponse> {
  return armErrorResponses([...ALWAYS, ...codes], (code) => SAMPLE_MESSAGES[code]);
}

const json = (schema: JsonSchema, description: string): OpenApiResponse => ({ description, content: { "application/json": { schema } } });
const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const param = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const body = (schema: string, required = true) => ({ required, content: { "application/json": { schema: ref(schema) } } });
const path = (pattern: string) => `${ARM_PATH_PREFIX}${pattern}`;

const registrationParams = [param("subscriptionId"), param("resourceGroup"), param("registrationName"), param("apiVersion")];
const paging = [
  {
    name: "$top",
    in: "query" as const,
    description: `Page size (default ${DEFAULT_PAGE_SIZE}).`,
    schema: { type: "integer" as const, minimum: 1, maximum: MAX_PAGE_SIZE },
  },
  { name: "$skipToken", in: "query" as const, description: "Continuation from nextLink.", schema: { type: "string" as const } },
];

function operation(op: Omit<OpenApiOperation, "tags">): OpenApiOperation {
  return { tags: [TAG], ...op };
}

const CUSTOMER_SUBSCRIPTION_CODES: ArmApiErrorCode[] = [
  ...WRITE,
  "InvalidRequestContent",
  "ValidationFailed",
  "InvalidCustomerSubscriptionId",
  "InvalidCSPSubscription",
  "BadCustomerSubscriptionId",
  "UnauthorizedCspRegistration",
  "CustomerSubscriptionsNotAllowed",
  "MetadataResolverBadGatewayError",
];

const listRegistrations = (operationId: string, summary: string): OpenApiOperation =>
  operation({
    operationId,
    summary,
    parameters: paging,
    responses: { "200": json(ref("RegistrationList"), "A page of registrations."), ...errors(...SUBSCRIPTION, "InvalidQueryParameterValue") },
  });

export const registrationsOpenApi: OpenApiContribution = {
  tags: [{ name: TAG, description: "Azure Stack Hub registrations (Microsoft.AzureStack, api-version 2017-06-01) and the customer tenants added to them." }],
  parameters: {
    subscriptionId: {
      name: "subscriptionId",
      in: "path",
      required: true,
      description: "The registration (default) subscription: a GUID, any case.",
      schema: { type: "string", format: "uuid" },
    },
    resourceGroup: { name: "resourceGroup", in: "path", required: true, description: "Case-insensitive.", schema: { type: "string", maxLength: 90 } },
    registrationName: {
      name: "registrationName",
      in: "path",
      required: true,
      description: "Usually azurestack-{cloudId}; case-insensitive.",
      schema: { type: "string", maxLength: 80 },
    },
    customerSubscriptionId: {
      name: "customerSubscriptionId",
      in: "path",
      required: true,
      description: "The customer's CSP subscription: a GUID, any case.",
      schema: { type: "string" },
    },
    productName: { name: "productName", in: "path", required: true, schema: { type: "string" } },
    apiVersion: { name: "api-version", in: "query", required: true, schema: { type: "string", enum: REGISTRATION_API_VERSIONS } },
  },
  schemas: REGISTRATION_SCHEMAS,
  paths: {
    [path(ARM_PATHS.operations)]: {
      parameters: [param("apiVersion")],
      get: operation({
        operationId: "Operations_List",
        summary: "The operations of Microsoft.AzureStack",
        responses: { "200": json(ref("OperationList"), "The operations."), ...errors() },
      }),
    },
    [path(ARM_PATHS.registrationsBySubscription)]: {
      parameters: [param("subscriptionId"), param("apiVersion")],
      get: listRegistrations("Registrations_ListBySubscription", "List the registrations of a subscription"),
    },
    [path(ARM_PATHS.registrations)]: {
      parameters: [param("subscriptionId"), param("resourceGroup"), param("apiVersion")],
      get: listRegistrations("Registrations_List", "List the registrations of a resource group"),
    },
    [path(ARM_PATHS.registration)]: {
      parameters: registrationParams,
      get: operation({
        operationId: "Registrations_Get",
        summary: "Get a registration",
        responses: { "200": json(ref("Registration"), "The registration."), ...errors(...SUBSCRIPTION, "RegistrationNotFound") },
      }),
      put: operation({
        operationId: "Registrations_CreateOrUpdate",
        summary: "Register a stamp with its registration token, or re-register it (billing model, usage reporting, agreement number)",
        requestBody: body("RegistrationPut"),
        responses: {
          "200": json(ref("Registration"), "Re-registered, or unchanged."),
          "201": json(ref("Registration"), "Registered."),
          ...errors(...SUBSCRIPTION, "Forbidden", "InvalidRequestContent", "ValidationFailed", "InvalidRegistrationToken", "Conflict"),
        },
      }),
      patch: operation({
        operationId: "Registrations_Update",
        summary: "Set a registration's tags, and/or re-register it with a new token",
        requestBody: body("RegistrationPatch"),
        responses: {
          "200": json(ref("Registration"), "The registration."),
          ...errors(...WRITE, "InvalidRequestContent", "ValidationFailed", "InvalidRegistrationToken", "Conflict"),
        },
      }),
      delete: operation({
        operationId: "Registrations_Delete",
        summary: "Remove a registration (refused while tenants are added or once usage was reported)",
        responses: {
          "200": { description: "Deleted." },
          "204": { description: "There was no such registration." },
          ...errors(...SUBSCRIPTION, "Forbidden", "RegistrationHasCustomerSubscriptions", "RegistrationHasUsage"),
        },
      }),
    },
    [path(ARM_PATHS.activationKey)]: {
      parameters: registrationParams,
      post: operation({
        operationId: "Registrations_GetActivationKey",
        summary: "Issue the stamp's activation key",
        responses: { "200": json(ref("ActivationKeyResult"), "The activation key."), ...errors(...WRITE, "ServiceUnavailable") },
      }),
    },
    [path(ARM_PATHS.customerSubscriptions)]: {
      parameters: registrationParams,
      get: operation({
        operationId: "CustomerSubscriptions_List",
        summary: "List the customer subscriptions added to a registration",
        parameters: paging,
        responses: {
          "200": json(ref("CustomerSubscriptionList"), "A page of customer subscriptions."),
          ...errors(...SUBSCRIPTION, "InvalidQueryParameterValue", "RegistrationNotFound"),
        },
      }),
    },
    [path(ARM_PATHS.customerSubscription)]: {
      parameters: [...registrationParams, param("customerSubscriptionId")],
      put: operation({
        operationId: "CustomerSubscriptions_Create",
        summary: "Add a customer tenant to the registration (one subscription per tenant: a second one replaces the first)",
        requestBody: body("CustomerSubscriptionPut", false),
        responses: {
          "200": json(ref("CustomerSubscription"), "Added, replaced the tenant's previous subscription, or unchanged."),
          ...errors(...CUSTOMER_SUBSCRIPTION_CODES),
        },
      }),
      get: operation({
        operationId: "CustomerSubscriptions_Get",
        summary: "Verify a customer subscription was added",
        responses: {
          "200": json(ref("CustomerSubscription"), "The customer subscription."),
          ...errors(...SUBSCRIPTION, "RegistrationNotFound", "CustomerSubscriptionNotFound"),
        },
      }),
      delete: operation({
        operationId: "CustomerSubscriptions_Delete",
        summary: "Remove a customer tenant: its usage falls back to the registration's default subscription",
        responses: { "200": { description: "Removed." }, "204": { description: "It wasn't on the registration." }, ...errors(...WRITE) },
      }),
    },
    [path(ARM_PATHS.products)]: {
      parameters: registrationParams,
      get: operation({
        operationId: "Products_List",
        summary: "Marketplace products syndicated to the stamp (always none)",
        responses: { "200": json(ref("ProductList"), "An empty list."), ...errors(...SUBSCRIPTION, "RegistrationNotFound") },
      }),
    },
    [path(ARM_PATHS.product)]: {
      parameters: [...registrationParams, param("productName")],
      get: operation({
        operationId: "Products_Get",
        summary: "A Marketplace product (never found)",
        responses: errors(...SUBSCRIPTION, "RegistrationNotFound", "ResourceNotFound"),
      }),
    },
  },
};
