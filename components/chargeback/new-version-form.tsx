"use client";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { addRateCardVersionAction } from "@/lib/chargeback/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { useActionForm } from "@/components/ui/use-action-form";
import type { PriceableMeters } from "@/lib/chargeback/list-priceable-meters";

export interface VersionDraft {
  defaultMarkupPercent: string;
  markups: Record<string, string>;
  unitPrices: Record<string, string>;
}

const INPUT = "w-32 rounded-md border px-2 py-1 text-right text-sm tabular-nums";

/**
 * A new version is a complete price set from its date on, so the form starts from the latest
 * version's figures; a blank cell means "no entry" (the meter falls back to the next level).
 */
export function NewVersionForm({
  rateCardId,
  meters,
  draft,
  earliest,
}: {
  rateCardId: string;
  meters: PriceableMeters;
  draft: VersionDraft;
  earliest: string;
}) {
  const router = useRouter();
  const { error, pending, submit, fieldError } = useActionForm(
    addRateCardVersionAction,
    () => router.refresh(),
    (data) => `Version from ${data.effectiveFrom} ${data.replaced ? "replaced" : "added"}.`,
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const markups: Record<string, string> = {};
    const unitPrices: Record<string, string> = {};
    for (const [key, value] of form.entries()) {
      if (key.startsWith("markup:")) markups[key.slice(7)] = String(value);
      if (key.startsWith("price:")) unitPrices[key.slice(6)] = String(value);
    }
    submit({
      rateCardId,
      effectiveFrom: String(form.get("effectiveFrom") ?? ""),
      defaultMarkupPercent: String(form.get("defaultMarkupPercent") ?? ""),
      note: String(form.get("note") ?? ""),
      markups,
      unitPrices,
      discount: form.get("discount") === "on",
      replaceExisting: form.get("replaceExisting") === "on",
    });
  }

  const cellError = (key: string) => {
    const message = fieldError(key);
    return message ? <p className="mt-1 text-xs text-red-700">{message}</p> : null;
  };

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate aria-label="New version">
      <FormError error={error} />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField
          label="Effective from"
          name="effectiveFrom"
          type="date"
          min={earliest}
          defaultValue={earliest}
          hint={`From ${earliest} (the open billing period) on.`}
          error={fieldError("effectiveFrom")}
        />
        <TextField
          label="Default markup %"
          name="defaultMarkupPercent"
          inputMode="decimal"
          defaultValue={draft.defaultMarkupPercent}
          hint="For commerce meters without a markup of their own. Blank: none at this level."
          error={fieldError("defaultMarkupPercent")}
        />
        <TextField label="Note (optional)" name="note" error={fieldError("note")} />
      </div>
      <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" name="discount" className="h-4 w-4 rounded border-slate-300" />
          Negative markups are a discount
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="replaceExisting" className="h-4 w-4 rounded border-slate-300" />
          Replace the version from that date (only one that starts today or later)
        </label>
      </div>
      <div>
        <h3 className="mb-2 text-sm font-semibold">Markup over Microsoft&apos;s price (commerce meters)</h3>
        <table className="w-full text-sm">
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr>
              <th className="py-1">Meter</th>
              <th className="py-1">Unit</th>
              <th className="py-1 text-right">Markup %</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {meters.commerce.map((m) => (
              <tr key={m.id}>
                <td className="py-1.5">
                  {m.category} · {m.label}
                  {m.audience === "ADMIN" ? <span className="text-xs text-slate-500"> (operator&apos;s own usage)</span> : null}
                </td>
                <td className="py-1.5 text-slate-600">{m.unit}</td>
                <td className="py-1.5 text-right">
                  <input
                    aria-label={`Markup % for ${m.category} ${m.label}`}
                    name={`markup:${m.id}`}
                    data-meter-id={m.id}
                    defaultValue={draft.markups[m.id] ?? ""}
                    inputMode="decimal"
                    className={`${INPUT} ${fieldError(`markups.${m.id}`) ? "border-red-400" : "border-slate-300"}`}
                  />
                  {cellError(`markups.${m.id}`)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div>
        <h3 className="mb-2 text-sm font-semibold">Your unit price (local meters Microsoft doesn&apos;t bill)</h3>
        <table className="w-full text-sm">
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr>
              <th className="py-1">Meter</th>
              <th className="py-1">Unit</th>
              <th className="py-1 text-right">Unit price</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {meters.local.map((m) => (
              <tr key={m.id}>
                <td className="py-1.5">
                  {m.provider} · {m.name}
                </td>
                <td className="py-1.5 text-slate-600">{m.unit}</td>
                <td className="py-1.5 text-right">
                  <input
                    aria-label={`Unit price for ${m.provider} ${m.name}`}
                    name={`price:${m.id}`}
                    data-meter-id={m.id}
                    defaultValue={draft.unitPrices[m.id] ?? ""}
                    inputMode="decimal"
                    className={`${INPUT} ${fieldError(`unitPrices.${m.id}`) ? "border-red-400" : "border-slate-300"}`}
                  />
                  {cellError(`unitPrices.${m.id}`)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Add version"}
      </Button>
    </form>
  );
}
