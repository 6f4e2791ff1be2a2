// The resource paths of the ARM-shaped API, below /api/arm, as the official Microsoft.AzureStack
// specification (2017-06-01) spells them. Matched case-insensitively (lib/arm/arm-path.ts); shared
// by the route table and the OpenAPI document (no "server-only").
const REGISTRATIONS = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.AzureStack/registrations";
const REGISTRATION = `${REGISTRATIONS}/{registrationName}`;

export const ARM_PATHS = {
  operations: "/providers/Microsoft.AzureStack/operations",
  registrationsBySubscription: "/subscriptions/{subscriptionId}/providers/Microsoft.AzureStack/registrations",
  registrations: REGISTRATIONS,
  registration: REGISTRATION,
  activationKey: `${REGISTRATION}/getactivationkey`,
  customerSubscriptions: `${REGISTRATION}/customerSubscriptions`,
  customerSubscription: `${REGISTRATION}/customerSubscriptions/{customerSubscriptionId}`,
  products: `${REGISTRATION}/products`,
  product: `${REGISTRATION}/products/{productName}`,
} as const;
