"use server";
// Server actions for invoices: sending (and resending) an invoice, the billing partner's invoice
// settings, customers' billing profiles, credits and fees. Each validates with the schema beside it,
// resolves the caller's scope on the server, looks every id up within that scope and writes its
// audit event in the same transaction as the change.
import { revalidatePath } from "next/cache";
import { runAction } from "../actions/run-action";
import type { ActionResult } from "../actions/action-result";
import {
  createCustomerCreditSchema,
  revokeCustomerCreditSchema,
  saveBillingSettingsSchema,
  saveCustomerBillingProfileSchema,
  sendInvoiceSchema,
} from "./invoice-schemas";
import { sendInvoice, type SendInvoiceResult } from "./send-invoice";
import { saveBillingSettings } from "./save-billing-settings";
import { saveCustomerBillingProfile } from "./save-customer-billing-profile";
import { createCustomerCredit } from "./create-customer-credit";
import { revokeCustomerCredit } from "./revoke-customer-credit";

export async function sendInvoiceAction(input: unknown): Promise<ActionResult<SendInvoiceResult>> {
  return runAction("chargeback:manage", sendInvoiceSchema, input, async (scope, data) => {
    try {
      return await sendInvoice(scope, data.invoiceId);
    } finally {
      revalidatePath(`/invoices/${data.invoiceId}`);
    }
  });
}

export async function saveBillingSettingsAction(input: unknown): Promise<ActionResult<{ partnerId: string }>> {
  return runAction("chargeback:manage", saveBillingSettingsSchema, input, async (scope, data) => {
    const result = await saveBillingSettings(scope, data);
    revalidatePath("/invoices/settings");
    return result;
  });
}

export async function saveCustomerBillingProfileAction(input: unknown): Promise<ActionResult<{ customerId: string }>> {
  return runAction("chargeback:manage", saveCustomerBillingProfileSchema, input, async (scope, data) => {
    const result = await saveCustomerBillingProfile(scope, data);
    revalidatePath(`/customers/${data.customerId}/billing`);
    return result;
  });
}

export async function createCustomerCreditAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction("chargeback:manage", createCustomerCreditSchema, input, async (scope, data) => {
    const result = await createCustomerCredit(scope, data);
    revalidatePath(`/customers/${data.customerId}/billing`);
    return result;
  });
}

export async function revokeCustomerCreditAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction("chargeback:manage", revokeCustomerCreditSchema, input, async (scope, data) => {
    const result = await revokeCustomerCredit(scope, data.creditId);
    revalidatePath("/customers");
    return result;
  });
}
