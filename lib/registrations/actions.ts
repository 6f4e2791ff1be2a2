"use server";
// Server actions for registrations. Each validates with a schema (here, or the service's own),
// resolves the caller's scope on the server and looks the registration up by id within that scope
// before calling the service by its ARM reference: ids from the client are never trusted. Errors
// keep the service's seed codes and messages, so the UI shows exactly what the ARM API would.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "../actions/run-action";
import type { ActionResult } from "../actions/action-result";
import { registrationFormSchema, reregisterSchema } from "./registration-schemas";
import { createRegistration } from "./create-registration";
import { reregister } from "./reregister";
import { requestMultiTenancy } from "./request-multi-tenancy";
import { decideMultiTenancy } from "./decide-multi-tenancy";
import { armRefOf, findRegistrationById } from "./find-registration";
import { getCustomerSubscription, putCustomerSubscription, removeCustomerSubscription } from "./customer-subscriptions";

// Only async functions may be exported from a "use server" file, so the schemas stay private.
const registrationId = z.string().trim().min(1, "Registration is required.").max(64);

const registrationIdSchema = z.object({ registrationId });

const customerTenantSchema = z.object({
  registrationId,
  // GUIDs are case-insensitive; people paste them upper-case from other portals. Anything else
  // non-empty goes to the service, which answers with the seed's InvalidCustomerSubscriptionId.
  customerSubscriptionId: z.string().trim().toLowerCase().min(1, "Choose or paste a customer subscription ID.").max(100),
});

const decisionSchema = z.object({
  registrationId,
  decision: z.enum(["APPROVED", "REJECTED"], { message: "Approve or reject the request." }),
  note: z.string().trim().max(500, "At most 500 characters.").optional(),
});

function revalidateRegistration(id: string): void {
  revalidatePath("/registrations");
  revalidatePath(`/registrations/${id}`);
}

export async function createRegistrationAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction("registrations:write", registrationFormSchema, input, async (scope, data) => {
    const registration = await createRegistration(scope, data);
    revalidatePath("/registrations");
    return { id: registration.id };
  });
}

/** Re-registers a stamp: the only way to switch between Pay-as-you-use and Capacity. */
export async function reregisterAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction("registrations:write", reregisterSchema, input, async (scope, data) => {
    const registration = await reregister(scope, data);
    revalidateRegistration(registration.id);
    return { id: registration.id };
  });
}

export async function requestMultiTenancyAction(
  input: unknown,
): Promise<ActionResult<{ state: "PENDING"; email: { to: string; subject: string; body: string } }>> {
  return runAction("registrations:write", registrationIdSchema, input, async (scope, data) => {
    const result = await requestMultiTenancy(scope, data.registrationId);
    revalidateRegistration(data.registrationId);
    revalidatePath("/operator/approvals");
    return result;
  });
}

/** Operators (Microsoft) only: the service looks the registration up across all partners. */
export async function decideMultiTenancyAction(input: unknown): Promise<ActionResult<{ state: "APPROVED" | "REJECTED" }>> {
  return runAction("platform:operate", decisionSchema, input, async (scope, data) => {
    const result = await decideMultiTenancy(scope, data);
    revalidatePath("/operator/approvals");
    revalidateRegistration(data.registrationId);
    return result;
  });
}

export interface AddCustomerTenantResult {
  outcome: "created" | "replaced" | "unchanged";
  customerSubscriptionId: string;
  tenantId: string;
  replacedSubscriptionId: string | null;
}

/** PUT of a customer subscription on a registration of the caller's; replaces the tenant's previous one. */
export async function addCustomerTenantAction(input: unknown): Promise<ActionResult<AddCustomerTenantResult>> {
  return runAction("registrations:write", customerTenantSchema, input, async (scope, data) => {
    const registration = await findRegistrationById(scope, data.registrationId, { forWrite: true });
    const result = await putCustomerSubscription(scope, armRefOf(registration), {
      customerSubscriptionId: data.customerSubscriptionId,
    });
    revalidateRegistration(registration.id);
    revalidatePath("/customers/[customerId]", "page");
    return {
      outcome: result.outcome,
      customerSubscriptionId: result.customerSubscription.customerSubscriptionId,
      tenantId: result.customerSubscription.tenantId,
      replacedSubscriptionId: result.replacedSubscriptionId ?? null,
    };
  });
}

export interface VerifyCustomerTenantResult {
  customerSubscriptionId: string;
  tenantId: string;
  subscriptionName: string;
  customerName: string | null;
  registrationName: string;
}

/** GET of a customer subscription: proves it is on the registration (or CustomerSubscriptionNotFound). */
export async function verifyCustomerTenantAction(input: unknown): Promise<ActionResult<VerifyCustomerTenantResult>> {
  return runAction("registrations:read", customerTenantSchema, input, async (scope, data) => {
    const registration = await findRegistrationById(scope, data.registrationId);
    const found = await getCustomerSubscription(scope, armRefOf(registration), data.customerSubscriptionId);
    return {
      customerSubscriptionId: found.customerSubscriptionId,
      tenantId: found.tenantId,
      subscriptionName: found.customerSubscription.displayName,
      customerName: found.customerSubscription.customer?.companyName ?? null,
      registrationName: registration.name,
    };
  });
}

/** DELETE of a customer subscription: the tenant's usage falls back to the default subscription. */
export async function removeCustomerTenantAction(input: unknown): Promise<ActionResult<{ customerSubscriptionId: string }>> {
  return runAction("registrations:write", customerTenantSchema, input, async (scope, data) => {
    const registration = await findRegistrationById(scope, data.registrationId, { forWrite: true });
    await removeCustomerSubscription(scope, armRefOf(registration), data.customerSubscriptionId);
    revalidateRegistration(registration.id);
    revalidatePath("/customers/[customerId]", "page");
    return { customerSubscriptionId: data.customerSubscriptionId };
  });
}
