// …/registrations/{name}/customerSubscriptions[/{id}]: the ARM face of the customer subscription
// service (lib/registrations/customer-subscriptions.ts), which owns every check and the audit.
import "server-only";
import type { PartnerScope } from "../auth/partner-scope";
import { COMMON_ERROR_CODES, DomainError } from "../actions/errors";
import {
  getCustomerSubscription,
  listCustomerSubscriptions,
  putCustomerSubscription,
  removeCustomerSubscription,
} from "../registrations/customer-subscriptions";
import { zodFields } from "./arm-response";
import {
  customerSubscriptionBodySchema,
  customerSubscriptionResource,
  nextLink,
  parsePage,
  registrationRefOf,
  type ArmCustomerSubscriptionResource,
  type CustomerSubscriptionPathParams,
  type RegistrationPathParams,
} from "./arm-shapes";

/** PUT: 201 when the tenant is added, 200 when it replaces the tenant's previous subscription or changes nothing. */
export async function putCustomerSubscriptionResource(
  scope: PartnerScope,
  params: CustomerSubscriptionPathParams,
  rawBody: unknown,
): Promise<{ status: 200 | 201; resource: ArmCustomerSubscriptionResource }> {
  const body = customerSubscriptionBodySchema.safeParse(rawBody);
  if (!body.success) {
    throw new DomainError(COMMON_ERROR_CODES.ValidationFailed, "The customer subscription has invalid values.", { fields: zodFields(body.error) });
  }
  const ref = registrationRefOf(params);
  const result = await putCustomerSubscription(scope, ref, {
    customerSubscriptionId: params.customerSubscriptionId,
    tenantId: body.data.properties.tenantId,
  }).catch((error: unknown) => {
    // The service names the body's tenantId plainly; the API's callers know it as properties.tenantId.
    if (error instanceof DomainError && error.fields?.tenantId) {
      throw new DomainError(error.code, error.message, { status: error.status, fields: { "properties.tenantId": error.fields.tenantId } });
    }
    throw error;
  });
  return { status: result.outcome === "created" ? 201 : 200, resource: customerSubscriptionResource(ref, result.customerSubscription) };
}

export async function getCustomerSubscriptionResource(
  scope: PartnerScope,
  params: CustomerSubscriptionPathParams,
): Promise<ArmCustomerSubscriptionResource> {
  const ref = registrationRefOf(params);
  return customerSubscriptionResource(ref, await getCustomerSubscription(scope, ref, params.customerSubscriptionId));
}

export async function deleteCustomerSubscriptionResource(scope: PartnerScope, params: CustomerSubscriptionPathParams): Promise<void> {
  await removeCustomerSubscription(scope, registrationRefOf(params), params.customerSubscriptionId);
}

/** GET list: `{ value, nextLink }`, paged by `$top` and the `$skipToken` our nextLink carries. */
export async function listCustomerSubscriptionResources(
  scope: PartnerScope,
  params: RegistrationPathParams,
  url: URL,
): Promise<{ value: ArmCustomerSubscriptionResource[]; nextLink: string | null }> {
  const ref = registrationRefOf(params);
  const page = await listCustomerSubscriptions(scope, ref, parsePage(url));
  return {
    value: page.rows.map((row) => customerSubscriptionResource(ref, row)),
    nextLink: nextLink(url, page.nextSkip),
  };
}
