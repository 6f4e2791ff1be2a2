// Microsoft.AzureStack's provider-level answers: the operations list (what ARM RBAC names), and
// Marketplace products, which Stackcenter doesn't syndicate: a registration's product list is
// empty and any one product is not found (after the registration itself is found).
import "server-only";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { DomainError } from "../errors";
import { findRegistrationByRef } from "../registrations/find-registration";
import type { ArmRegistrationRef } from "../registrations/registration-errors";

const PROVIDER = "Azure Stack Resource Provider";

function operation(name: string, resource: string | undefined, title: string, description: string) {
  return {
    name: `Microsoft.AzureStack/${name}`,
    display: { provider: PROVIDER, ...(resource ? { resource } : {}), operation: title, description },
    origin: "user,system",
  };
}

/** GET /providers/Microsoft.AzureStack/operations: the operations this API serves. */
export const AZURE_STACK_OPERATIONS = [
  operation("registrations/read", "Azure Stack Registration", "Get Azure Stack Registration", "Gets the properties of an Azure Stack registration"),
  operation("registrations/write", "Azure Stack Registration", "Create Azure Stack Registration", "Creates or updates an Azure Stack registration"),
  operation("registrations/delete", "Azure Stack Registration", "Delete Azure Stack Registration", "Deletes an Azure Stack registration"),
  operation(
    "registrations/getActivationKey/action",
    "Azure Stack Registration",
    "Get Azure Stack Activation Key",
    "Gets the latest Azure Stack activation key",
  ),
  operation(
    "registrations/products/read",
    "Azure Stack Marketplace Product",
    "Get Azure Stack Marketplace Product",
    "Gets the properties of an Azure Stack Marketplace product",
  ),
  operation(
    "registrations/customerSubscriptions/read",
    "Azure Stack Customer Subscription",
    "Get Azure Stack Customer Subscription",
    "Gets the properties of an Azure Stack Customer Subscription",
  ),
  operation(
    "registrations/customerSubscriptions/write",
    "Azure Stack Customer Subscription",
    "Create Azure Stack Customer Subscription",
    "Creates or updates an Azure Stack Customer Subscription",
  ),
  operation(
    "registrations/customerSubscriptions/delete",
    "Azure Stack Customer Subscription",
    "Delete Azure Stack Customer Subscription",
    "Deletes an Azure Stack Customer Subscription",
  ),
  operation("Operations/read", undefined, "Read Resource Provider Operations", "Lists the operations of the Microsoft.AzureStack resource provider"),
];

export async function listProductResources(scope: PartnerScope, ref: ArmRegistrationRef): Promise<{ value: never[]; nextLink: null }> {
  assertScopeCan(scope, "registrations:read");
  await findRegistrationByRef(scope, ref);
  return { value: [], nextLink: null };
}

export async function getProductResource(scope: PartnerScope, ref: ArmRegistrationRef, productName: string): Promise<never> {
  assertScopeCan(scope, "registrations:read");
  const registration = await findRegistrationByRef(scope, ref);
  throw new DomainError(
    "ResourceNotFound",
    `The Marketplace product '${productName}' was not found under registration '${registration.name}': Stackcenter does not syndicate Azure Stack Hub Marketplace items.`,
    { status: 404 },
  );
}
