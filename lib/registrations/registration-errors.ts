// The registration service's error codes (seed 000), their HTTP statuses and the help each one gets.
// Shared by the domain functions, the ARM API, the UI's error panel and the tests: no "server-only".
import { DomainError } from "../errors";

export const REGISTRATION_ERROR_CODES = {
  RegistrationNotFound: "RegistrationNotFound",
  InvalidCustomerSubscriptionId: "InvalidCustomerSubscriptionId",
  InvalidCSPSubscription: "InvalidCSPSubscription",
  BadCustomerSubscriptionId: "BadCustomerSubscriptionId",
  CustomerSubscriptionNotFound: "CustomerSubscriptionNotFound",
  UnauthorizedCspRegistration: "UnauthorizedCspRegistration",
  CustomerSubscriptionsNotAllowed: "CustomerSubscriptionsNotAllowed",
  MetadataResolverBadGatewayError: "MetadataResolverBadGatewayError",
} as const;

export type RegistrationErrorCode = (typeof REGISTRATION_ERROR_CODES)[keyof typeof REGISTRATION_ERROR_CODES];

export const REGISTRATION_ERROR_STATUS: Record<RegistrationErrorCode, number> = {
  RegistrationNotFound: 404,
  InvalidCustomerSubscriptionId: 400,
  InvalidCSPSubscription: 400,
  BadCustomerSubscriptionId: 400,
  CustomerSubscriptionNotFound: 404,
  UnauthorizedCspRegistration: 403,
  CustomerSubscriptionsNotAllowed: 400,
  MetadataResolverBadGatewayError: 502,
};

export interface ArmRegistrationRef {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

/** The tenant metadata service's failures are transient: the caller is told to retry after this. */
export const METADATA_RETRY_AFTER_SECONDS = 10;

function registrationError(code: RegistrationErrorCode, message: string, field?: string): DomainError {
  return new DomainError(code, message, {
    status: REGISTRATION_ERROR_STATUS[code],
    fields: field ? { [field]: message } : undefined,
    retryAfterSeconds: code === "MetadataResolverBadGatewayError" ? METADATA_RETRY_AFTER_SECONDS : undefined,
  });
}

export const registrationErrors = {
  registrationNotFound: (ref: ArmRegistrationRef) =>
    registrationError(
      "RegistrationNotFound",
      `The provided registration was not found. Make sure the following information was provided correctly: ` +
        `1. Subscription Identifier (value provided: ${ref.subscriptionId}), ` +
        `2. Resource Group (value provided: ${ref.resourceGroup}), ` +
        `3. Registration Name (value provided: ${ref.name}).`,
    ),
  invalidCustomerSubscriptionId: (subscriptionId: string) =>
    registrationError(
      "InvalidCustomerSubscriptionId",
      `The '${subscriptionId}' is not valid. Make sure a valid Azure subscription is provided. ` +
        `Use the ID of a CSP subscription of one of your customers, a GUID such as 3f2504e0-4f89-41d3-9a0c-0305e82c3301.`,
      "customerSubscriptionId",
    ),
  invalidCspSubscription: (subscriptionId: string) =>
    registrationError(
      "InvalidCSPSubscription",
      `The provided ${subscriptionId} is not a valid CSP subscription. Make sure a valid Azure subscription is provided.`,
      "customerSubscriptionId",
    ),
  badCustomerSubscriptionId: (subscriptionId: string, registrationName: string) =>
    registrationError(
      "BadCustomerSubscriptionId",
      `The provided ${subscriptionId} and the ${registrationName} Subscription Identifier are not owned by the same Microsoft Cloud Service Provider. ` +
        `Check that the Customer Subscription Identifier is correct. If the problem persists, contact support.`,
      "customerSubscriptionId",
    ),
  customerSubscriptionNotFound: (subscriptionId: string, registrationName: string) =>
    registrationError(
      "CustomerSubscriptionNotFound",
      `${subscriptionId} was not found under ${registrationName}. Make sure a valid Azure subscription is being used and that the ` +
        `Subscription Identifier was added to the registration using the PUT operation.`,
    ),
  unauthorizedCspRegistration: (registrationName: string) =>
    registrationError(
      "UnauthorizedCspRegistration",
      `The provided ${registrationName} is not approved to use multi-tenancy. ` +
        `Request approval on the registration's page in Stackcenter (an operator decides); the request carries your registration name, ` +
        `resource group, and the subscription identifier used in the registration.`,
    ),
  customerSubscriptionsNotAllowed: () =>
    registrationError(
      "CustomerSubscriptionsNotAllowed",
      "Customer subscription operations are not supported for disconnected customers. In order to use this feature, re-register with Pay As You Use licensing.",
    ),
  metadataResolverBadGateway: () =>
    registrationError(
      "MetadataResolverBadGatewayError",
      "One of the upstream servers returned an unexpected error. Try again later. If the problem persists, contact support.",
    ),
};

/** The error-code help panel's text: what each code means and what to do (seed 000's comments). */
export const REGISTRATION_ERROR_HELP: Record<RegistrationErrorCode, { when: string; fix: string }> = {
  RegistrationNotFound: {
    when: "The subscription ID, resource group or registration name doesn't point at a registration of yours.",
    fix: "Check the three values. If you have several registrations, pick the one whose CloudDeploymentID matches your stamp (Get-AzureStackStampInformation on the privileged endpoint).",
  },
  InvalidCustomerSubscriptionId: {
    when: "The customer subscription ID isn't a lowercase GUID, or no such Azure subscription exists.",
    fix: "Copy the subscription ID from the customer's page; it looks like 3f2504e0-4f89-41d3-9a0c-0305e82c3301.",
  },
  InvalidCSPSubscription: {
    when: "The subscription exists but isn't a CSP subscription (for example EA, pay-as-you-go or APSS).",
    fix: "Tenant subscriptions must be the customer's CSP (Azure plan) subscription. Usually the ID was mistyped.",
  },
  BadCustomerSubscriptionId: {
    when: "The customer's CSP subscription rolls up to a different CSP partner than the registration's default subscription.",
    fix: "You can only register your own customers (for a distributor: its resellers' customers). Check the subscription ID.",
  },
  CustomerSubscriptionNotFound: {
    when: "Verifying, reading or removing a subscription that was never added to this registration.",
    fix: "Add the tenant first (PUT), or check the subscription ID for typos.",
  },
  UnauthorizedCspRegistration: {
    when: "The registration isn't approved by Microsoft for multi-tenancy yet.",
    fix: "Request approval from the registration's page; an operator approves it. The request carries the registration name, resource group and subscription ID.",
  },
  CustomerSubscriptionsNotAllowed: {
    when: "The registration uses the Capacity billing model (disconnected): it has no per-tenant usage reporting.",
    fix: "Re-register the stamp with the Pay-as-you-use billing model to add customer tenants.",
  },
  MetadataResolverBadGatewayError: {
    when: "The tenant metadata service that resolves a subscription's directory failed or timed out.",
    fix: "Nothing was changed. Try again in a moment; if it persists, contact support.",
  },
};
