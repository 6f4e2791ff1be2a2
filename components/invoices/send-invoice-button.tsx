"use client";
import { useRouter } from "next/navigation";
import { sendInvoiceAction } from "@/lib/invoices/actions";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useActionForm } from "@/components/ui/use-action-form";

/** Sends (or resends) the invoice's PDF to the customer's billing contacts. */
export function SendInvoiceButton({ invoiceId, sent }: { invoiceId: string; sent: boolean }) {
  const router = useRouter();
  const form = useActionForm(
    sendInvoiceAction,
    () => router.refresh(),
    (data) => `Invoice sent to ${data.recipients.join(", ")}.`,
  );
  return (
    <div className="space-y-2">
      <FormError error={form.error} />
      <Button type="button" disabled={form.pending} onClick={() => form.submit({ invoiceId })} data-testid="send-invoice">
        {form.pending ? "Sending…" : sent ? "Resend invoice" : "Send invoice"}
      </Button>
    </div>
  );
}
