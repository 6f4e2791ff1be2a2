"use server";
// Server actions for customers. Each validates with the schema beside it, resolves the caller's
// scope on the server and looks every record up within that scope: ids from the client are never trusted.
import { revalidatePath } from "next/cache";
import { runAction } from "../actions/run-action";
import type { ActionResult } from "../actions/action-result";
import { addCspSubscriptionSchema, createCustomerSchema, moveCustomerSchema, updateCustomerSchema } from "./customer-schemas";
import { createCustomer } from "./create-customer";
import { updateCustomer } from "./update-customer";
import { addCspSubscription } from "./add-csp-subscription";
import { moveCustomer } from "./move-customer";

export async function createCustomerAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction("customers:write", createCustomerSchema, input, async (scope, data) => {
    const customer = await createCustomer(scope, data);
    revalidatePath("/customers");
    return { id: customer.id };
  });
}

export async function updateCustomerAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction("customers:write", updateCustomerSchema, input, async (scope, data) => {
    const customer = await updateCustomer(scope, data);
    revalidatePath(`/customers/${customer.id}`);
    return { id: customer.id };
  });
}

export async function addCspSubscriptionAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction("customers:write", addCspSubscriptionSchema, input, async (scope, data) => {
    const subscription = await addCspSubscription(scope, data);
    revalidatePath(`/customers/${data.customerId}`);
    return { id: subscription.id };
  });
}

/** A distributor moves a customer to another of its resellers (ownership history + audit). */
export async function moveCustomerAction(input: unknown): Promise<ActionResult<{ id: string; toPartnerId: string }>> {
  return runAction("customers:move", moveCustomerSchema, input, async (scope, data) => {
    const moved = await moveCustomer(scope, data);
    revalidatePath("/customers");
    revalidatePath(`/customers/${moved.id}`);
    return { id: moved.id, toPartnerId: moved.toPartnerId };
  });
}
