"use client";
// The billing model choice shared by the create and re-register forms. Capacity (disconnected)
// stamps never report usage, so the usage reporting toggle is forced off for them; the service
// enforces the same rule (registration-schemas.ts).
import { useState } from "react";
import type { BillingModel } from "@/generated/prisma/enums";
import { TextField } from "@/components/ui/field";

const MODELS: { value: BillingModel; title: string; description: string }[] = [
  {
    value: "PAY_AS_YOU_USE",
    title: "Pay-as-you-use",
    description:
      "No upfront licensing fees: usage is reported to Azure commerce and billed like Azure. Needed for multi-tenancy: only pay-as-you-use registrations can add customer tenants.",
  },
  {
    value: "CAPACITY",
    title: "Capacity",
    description: "A fixed annual fee per physical core, with no usage metering or connection to commerce (disconnected). Customer tenants can't be added.",
  },
];

interface Props {
  defaultModel?: BillingModel;
  defaultAgreementNumber?: string | null;
  defaultUsageReporting?: boolean;
  fieldError: (name: string) => string | undefined;
  /** Shown under the Capacity option, e.g. "remove the 2 tenants first". */
  capacityWarning?: string;
}

export function BillingModelFields({
  defaultModel = "PAY_AS_YOU_USE",
  defaultAgreementNumber,
  defaultUsageReporting = true,
  fieldError,
  capacityWarning,
}: Props) {
  const [model, setModel] = useState<BillingModel>(defaultModel);
  const [usageReporting, setUsageReporting] = useState(defaultUsageReporting);
  const capacity = model === "CAPACITY";
  const modelError = fieldError("billingModel");
  return (
    <div className="space-y-4">
      <fieldset className="space-y-2" aria-describedby={modelError ? "billing-model-error" : undefined}>
        <legend className="mb-1 text-sm font-medium text-slate-800">Billing model</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          {MODELS.map((option) => (
            <label
              key={option.value}
              className={`flex cursor-pointer gap-3 rounded-md border p-3 text-sm ${
                model === option.value ? "border-brand-500 bg-brand-50" : "border-slate-300 bg-white"
              }`}
            >
              <input
                type="radio"
                name="billingModel"
                value={option.value}
                checked={model === option.value}
                onChange={() => setModel(option.value)}
                className="mt-1"
                aria-describedby={`billing-${option.value}-help`}
              />
              <span>
                <span className="block font-medium">{option.title}</span>
                <span id={`billing-${option.value}-help`} className="block text-xs text-slate-600">
                  {option.description}
                </span>
              </span>
            </label>
          ))}
        </div>
        {modelError ? (
          <p id="billing-model-error" className="text-sm text-red-700">
            {modelError}
          </p>
        ) : null}
        {capacity && capacityWarning ? <p className="text-sm text-amber-800">{capacityWarning}</p> : null}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Agreement number"
          name="agreementNumber"
          defaultValue={defaultAgreementNumber ?? ""}
          disabled={!capacity}
          hint={capacity ? "The agreement number of the capacity purchase." : "Only for Capacity."}
          error={fieldError("agreementNumber")}
        />
        <div className="space-y-1.5">
          <label className="flex items-center gap-2 pt-7 text-sm font-medium text-slate-800">
            <input
              type="checkbox"
              name="usageReportingEnabled"
              value="true"
              checked={!capacity && usageReporting}
              disabled={capacity}
              onChange={(event) => setUsageReporting(event.target.checked)}
            />
            Report usage to Azure
          </label>
          <p className="text-xs text-slate-500">
            {capacity
              ? "Always off for Capacity: disconnected stamps send no usage to commerce."
              : "The usage bridge forwards the stamp's usage to Azure commerce every hour."}
          </p>
        </div>
      </div>
    </div>
  );
}
