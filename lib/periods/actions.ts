"use server";
// Server actions for billing periods: an admin's explicit close (with its confirm step). The close
// writes its own audit event in its transaction.
import { revalidatePath } from "next/cache";
import { runAction } from "../actions/run-action";
import type { ActionResult } from "../actions/action-result";
import { closePeriodSchema } from "./period-schemas";
import { closePeriod } from "./close-period";

export async function closePeriodAction(input: unknown): Promise<ActionResult<{ closeId: string; created: boolean; invoiceCount: number }>> {
  return runAction("chargeback:manage", closePeriodSchema, input, async (scope, data) => {
    const result = await closePeriod(scope, data.period);
    revalidatePath("/invoices");
    return result;
  });
}
