"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { importExchangeRatesAction } from "@/lib/currency/actions";
import { Button } from "@/components/ui/button";
import { FieldMessage } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { useActionForm } from "@/components/ui/use-action-form";

/** Uploads a monthly exchange-rate CSV; each month in the file replaces that month's rates. */
export function ExchangeRateImportForm() {
  const router = useRouter();
  const [fileError, setFileError] = useState<string | undefined>();
  const form = useActionForm(
    importExchangeRatesAction,
    () => router.refresh(),
    (data) =>
      `Imported ${data.imported} rate${data.imported === 1 ? "" : "s"} for ${data.months.join(", ")}${data.replaced ? ` (replacing ${data.replaced})` : ""}.`,
  );
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get("file");
    if (!(file instanceof File) || file.size === 0) {
      setFileError("Choose a CSV file.");
      return;
    }
    setFileError(undefined);
    form.submit({ csv: await file.text() });
  }
  const lineErrors = Object.entries(form.error?.fields ?? {}).filter(([key]) => key.startsWith("line "));
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Import exchange rates">
      <FormError error={form.error} />
      {lineErrors.length > 0 ? (
        <ul className="list-disc space-y-1 pl-5 text-sm text-red-800" data-testid="exchange-rate-errors">
          {lineErrors.map(([where, message]) => (
            <li key={where}>
              <span className="font-medium">{where}</span>: {message}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="space-y-1.5">
        <label htmlFor="exchange-rate-file" className="block text-sm font-medium text-slate-800">
          Exchange rates CSV
        </label>
        <input
          id="exchange-rate-file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={fileError ? "exchange-rate-file-error" : "exchange-rate-file-hint"}
          className="block text-sm"
        />
        <FieldMessage
          id="exchange-rate-file"
          error={fileError ?? form.fieldError("csv")}
          hint="Columns: Month (YYYY-MM), PricingCurrency, BillingCurrency, Rate (billing units per pricing unit), RateDate (YYYY-MM-DD, optional)."
        />
      </div>
      <Button type="submit" disabled={form.pending}>
        {form.pending ? "Importing…" : "Import rates"}
      </Button>
    </form>
  );
}
