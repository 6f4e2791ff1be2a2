// …/registrations/{name}/customerSubscriptions[/{id}]: the ARM face of the customer subscription
// service (lib/registrations/customer-subscriptions.ts), which owns every check and the audit.
// Status codes follow the official spec (CustomerSubscription.json, 2017-06-01): PUT answers 200
// only, DELETE 200 (removed) or 204 (nothing there: ARM deletes are idempotent).
import "server-only";
import type { PartnerScope } from "../auth/partner-scope";
import { COMMON_ERROR_CODES, DomainError } from "../errors";
import {
  getCustomerSubscription,
  listCustomerSubscriptions,
  putCustomerSubscription,
  removeCustomerSubscription,
} from "../registrations/customer-subscriptions";
import { armRefOf } from "../registrations/find-registration";
import { REGISTRATION_ERROR_CODES, type ArmRegistrationRef } from "../registrations/registration-errors";
import { zodFields } from "./arm-response";
import { customerSubscriptionBodySchema } from "./arm-bodies";
import { customerSubscriptionResource, nextLink, type ArmCustomerSubscriptionResource } from "./arm-shapes";

export async function putCustomerSubscriptionResource(
  scope: PartnerScope,
  ref: ArmRegistrationRef,
  customerSubscriptionId: string,
  rawBody: unknown,
): Promise<ArmCustomerSubscriptionResource> {
  const body = customerSubscriptionBodySchema.safeParse(rawBody);
  if (!body.success) {
    throw new DomainError(COMMON_ERROR_CODES.ValidationFailed, "The customer subscription has invalid values.", { fields: zodFields(body.error) });
  }
  const result = await putCustomerSubscription(scope, ref, { customerSubscriptionId, tenantId: body.data.properties?.tenantId }).catch((error: unknown) => {
    // The service names the body's tenantId plainly; the API's callers know it as properties.tenantId.
    if (error instanceof DomainError && error.fields?.tenantId) {
      throw new DomainError(error.code, error.message, { status: error.status, fields: { "properties.tenantId": error.fields.tenantId } });
    }
    throw error;
  });
  return customerSubscriptionResource(result.registration, result.customerSubscription);
}

export async function getCustomerSubscriptionResource(
  scope: PartnerScope,
  ref: ArmRegistrationRef,
  customerSubscriptionId: string,
): Promise<ArmCustomerSubscriptionResource> {
  const found = await getCustomerSubscription(scope, ref, customerSubscriptionId);
  return customerSubscriptionResource(found.registration, found);
}

/** 200 when the tenant was removed, 204 when it wasn't on the registration (repeated DELETEs). */
export async function deleteCustomerSubscriptionResource(scope: PartnerScope, ref: ArmRegistrationRef, customerSubscriptionId: string): Promise<200 | 204> {
  try {
    await removeCustomerSubscription(scope, ref, customerSubscriptionId);
    return 200;
  } catch (error) {
    if (error instanceof DomainError && error.code === REGISTRATION_ERROR_CODES.CustomerSubscriptionNotFound) return 204;
    throw error;
  }
}

/** GET list: `{ value, nextLink }`, paged by `$top` and the `$skipToken` our nextLink carries. */
export async function listCustomerSubscriptionResources(
  scope: PartnerScope,
  ref: ArmRegistrationRef,
  page: { skip: number; take: number },
  publicUrl: URL,
): Promise<{ value: ArmCustomerSubscriptionResource[]; nextLink: string | null }> {
  const result = await listCustomerSubscriptions(scope, ref, page);
  const stored = armRefOf(result.registration);
  return {
    value: result.rows.map((row) => customerSubscriptionResource(stored, row)),
    nextLink: nextLink(publicUrl, result.nextSkip),
  };
}
