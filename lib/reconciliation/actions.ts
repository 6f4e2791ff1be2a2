"use server";
// Server actions of the reconciliation (the upload is a streaming route: app/api/reconciliation).
// Each validates with the schema beside it, resolves the caller's scope on the server and finds the
// period's import within the billing partner's own rows.
import { revalidatePath } from "next/cache";
import { runAction } from "../actions/run-action";
import type { ActionResult } from "../actions/action-result";
import { reviewReconciliationSchema, setReconciliationToleranceSchema } from "./reconciliation-schemas";
import { reviewReconciliation } from "./review-reconciliation";
import { setReconciliationTolerance } from "./set-reconciliation-tolerance";

export async function reviewReconciliationAction(input: unknown): Promise<ActionResult<{ importId: string; reviewedAt: string }>> {
  return runAction("chargeback:manage", reviewReconciliationSchema, input, async (scope, data) => {
    const result = await reviewReconciliation(scope, data);
    revalidatePath("/billing/reconciliation");
    return result;
  });
}

export async function setReconciliationToleranceAction(input: unknown): Promise<ActionResult<{ importId: string; keys: number }>> {
  return runAction("chargeback:manage", setReconciliationToleranceSchema, input, async (scope, data) => {
    const result = await setReconciliationTolerance(scope, data);
    revalidatePath("/billing/reconciliation");
    return result;
  });
}
