"use server";
// Server actions for chargeback: rate cards (billing partners) and customer budgets. Each validates
// with the schema beside it, resolves the caller's scope on the server, looks every id up within that
// scope and writes its audit event in the same transaction as the change.
import { revalidatePath } from "next/cache";
import { runAction } from "../actions/run-action";
import type { ActionResult } from "../actions/action-result";
import { addRateCardVersionSchema, clearCustomerBudgetSchema, createRateCardSchema, setCustomerBudgetSchema } from "./chargeback-schemas";
import { createRateCard } from "./create-rate-card";
import { addRateCardVersion } from "./add-rate-card-version";
import { clearCustomerBudget, setCustomerBudget } from "./customer-budgets";

export async function createRateCardAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction("chargeback:manage", createRateCardSchema, input, async (scope, data) => {
    const card = await createRateCard(scope, data);
    revalidatePath("/chargeback/rate-cards");
    return card;
  });
}

export async function addRateCardVersionAction(
  input: unknown,
): Promise<ActionResult<{ id: string; rateCardId: string; effectiveFrom: string; replaced: boolean }>> {
  return runAction("chargeback:manage", addRateCardVersionSchema, input, async (scope, data) => {
    const version = await addRateCardVersion(scope, data);
    revalidatePath(`/chargeback/rate-cards/${data.rateCardId}`);
    revalidatePath("/chargeback/rate-cards");
    return { id: version.id, rateCardId: data.rateCardId, effectiveFrom: data.effectiveFrom, replaced: version.replaced };
  });
}

export async function setCustomerBudgetAction(input: unknown): Promise<ActionResult<{ customerId: string }>> {
  return runAction("budgets:manage", setCustomerBudgetSchema, input, async (scope, data) => {
    const result = await setCustomerBudget(scope, data);
    revalidatePath(`/customers/${data.customerId}`);
    revalidatePath("/dashboard");
    return result;
  });
}

export async function clearCustomerBudgetAction(input: unknown): Promise<ActionResult<{ customerId: string }>> {
  return runAction("budgets:manage", clearCustomerBudgetSchema, input, async (scope, data) => {
    const result = await clearCustomerBudget(scope, data);
    revalidatePath(`/customers/${data.customerId}`);
    revalidatePath("/dashboard");
    return result;
  });
}
