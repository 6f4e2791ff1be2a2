"use client";
// The registration walkthrough (docs/registration-service.md) as one guided form in numbered
// sections: the registration subscription type with its guidance, the stamp (its registration
// token, or its values one by one), the registration resource and, without a token, the billing
// model. Field errors come back from createRegistrationAction.
import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { createRegistrationAction } from "@/lib/registrations/actions";
import type { DefaultSubscriptionOption } from "@/lib/registrations/list-registration-subscription-options";
import { Button, ButtonLink } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { SelectField, TextField } from "@/components/ui/field";
import { formValues, useActionForm } from "@/components/ui/use-action-form";
import { BillingModelFields } from "./billing-model-fields";
import { RegistrationError } from "./registration-error";
import { readRegistrationToken, RegistrationTokenField } from "./registration-token-field";
import { armResourceId } from "./labels";

type SubscriptionType = "APSS" | "CSP";

const SUBSCRIPTION_TYPES: { value: SubscriptionType; title: string; guidance: string }[] = [
  {
    value: "APSS",
    title: "Azure Partner Shared Services (APSS)",
    guidance:
      "Preferred when a Direct CSP or a CSP distributor operates the stamp. APSS subscriptions belong to a shared-services tenant: the account that registers must own the subscription, and it may be in a different directory from the one you deploy and operate the stamp with.",
  },
  {
    value: "CSP",
    title: "Cloud Solution Provider (CSP)",
    guidance: "Preferred when a CSP reseller or an end customer operates the stamp.",
  },
];

const STAMP_INFO_COMMAND = "$azureStackStampInfo = Invoke-Command -Session $session -ScriptBlock { Get-AzureStackStampInformation }";

function Section({ step, title, children }: { step: number; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`step-${step}`} className="rounded-lg border border-slate-200 bg-white p-5 shadow-xs">
      <h2 id={`step-${step}`} className="mb-4 flex items-center gap-3 text-base font-semibold">
        <span className="flex size-7 items-center justify-center rounded-full bg-brand-500 text-sm text-white">{step}</span>
        {title}
      </h2>
      <div className="space-y-4">{children}</div>
    </section>
  );
}

function subscriptionLabel(option: DefaultSubscriptionOption): string {
  const owner = option.customerName ? `${option.customerName} — ${option.displayName}` : option.displayName;
  return `${owner} (${option.id})`;
}

export function RegistrationForm({ options, recommended }: { options: DefaultSubscriptionOption[]; recommended: SubscriptionType }) {
  const router = useRouter();
  const available = (type: SubscriptionType) => options.filter((option) => option.type === type);
  const [type, setType] = useState<SubscriptionType>(available(recommended).length > 0 ? recommended : recommended === "APSS" ? "CSP" : "APSS");
  const [subscriptionId, setSubscriptionId] = useState(() => available(type)[0]?.id ?? "");
  const [stampInput, setStampInput] = useState<"token" | "manual">("token");
  const [token, setToken] = useState("");
  const [cloudDeploymentId, setCloudDeploymentId] = useState("");
  const [resourceGroup, setResourceGroup] = useState("azurestack");
  const [name, setName] = useState("");
  const { error, pending, submit, fieldError } = useActionForm(createRegistrationAction, ({ id }) => {
    router.push(`/registrations/${id}`);
    router.refresh();
  });

  function chooseType(next: SubscriptionType) {
    setType(next);
    setSubscriptionId(available(next)[0]?.id ?? "");
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit(formValues(event.currentTarget));
  }

  const reading = stampInput === "token" ? readRegistrationToken(token) : null;
  const stampCloudId = stampInput === "manual" ? cloudDeploymentId.trim().toLowerCase() : reading && "content" in reading ? reading.content.CloudId : "";
  const defaultName = `azurestack-${stampCloudId || "{CloudDeploymentID}"}`;
  const effectiveName = name.trim() || defaultName;
  const choices = available(type);

  return (
    <form onSubmit={onSubmit} className="max-w-4xl space-y-6" noValidate aria-label="Register a stamp">
      <RegistrationError error={error} />

      <Section step={1} title="Registration subscription">
        <fieldset className="space-y-2">
          <legend className="mb-1 text-sm font-medium text-slate-800">Subscription type</legend>
          <div className="grid gap-3 md:grid-cols-2">
            {SUBSCRIPTION_TYPES.map((option) => (
              <label
                key={option.value}
                className={`flex cursor-pointer gap-3 rounded-md border p-3 text-sm ${
                  type === option.value ? "border-brand-500 bg-brand-50" : "border-slate-300 bg-white"
                }`}
              >
                <input
                  type="radio"
                  name="subscriptionType"
                  value={option.value}
                  checked={type === option.value}
                  onChange={() => chooseType(option.value)}
                  className="mt-1"
                />
                <span className="space-y-1">
                  <span className="flex flex-wrap items-center gap-2 font-medium">
                    {option.title}
                    {option.value === recommended ? <Badge tone="info">Recommended for you</Badge> : null}
                  </span>
                  <span className="block text-xs text-slate-600">{option.guidance}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <SelectField
          label="Default subscription"
          name="subscriptionId"
          value={subscriptionId}
          onChange={(event) => setSubscriptionId(event.target.value)}
          placeholder={choices.length === 0 ? `You have no active ${type} subscription` : "Choose a subscription"}
          options={choices.map((option) => ({ value: option.id, label: subscriptionLabel(option) }))}
          hint="Usage of tenants you don't add to the registration is billed to this subscription. For multi-tenant usage reporting it must be a CSP or APSS subscription."
          error={fieldError("subscriptionId")}
        />
      </Section>

      <Section step={2} title="Stamp">
        <fieldset className="flex flex-wrap gap-4 text-sm">
          <legend className="sr-only">How to identify the stamp</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name="stampInput" value="token" checked={stampInput === "token"} onChange={() => setStampInput("token")} />
            Paste its registration token (recommended)
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="stampInput" value="manual" checked={stampInput === "manual"} onChange={() => setStampInput("manual")} />
            Enter its values by hand
          </label>
        </fieldset>
        {stampInput === "token" ? <RegistrationTokenField token={token} onTokenChange={setToken} error={fieldError("registrationToken")} /> : null}
        {stampInput === "manual" ? (
          <>
            <TextField
              label="CloudDeploymentID"
              name="cloudDeploymentId"
              value={cloudDeploymentId}
              onChange={(event) => setCloudDeploymentId(event.target.value)}
              placeholder="3f2504e0-4f89-41d3-9a0c-0305e82c3301"
              autoComplete="off"
              error={fieldError("cloudDeploymentId")}
              hint="The stamp's unique ID: a stamp has exactly one registration."
            />
            <div className="rounded-md bg-slate-50 p-3 text-xs text-slate-700">
              <p>Find it on the stamp with PowerShell against the privileged endpoint; the value is in the output&apos;s CloudID:</p>
              <code className="mt-1 block overflow-x-auto whitespace-pre font-mono text-[11px] text-slate-900">{STAMP_INFO_COMMAND}</code>
            </div>
          </>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Stamp name" name="stampName" placeholder="Seattle hub 1" error={fieldError("stampName")} />
          <TextField
            label="Region"
            name="stampRegion"
            placeholder="local"
            hint="The stamp's region name, e.g. local or seattle."
            error={fieldError("stampRegion")}
          />
        </div>
      </Section>

      <Section step={3} title="Registration resource">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Resource group"
            name="resourceGroup"
            value={resourceGroup}
            onChange={(event) => setResourceGroup(event.target.value)}
            error={fieldError("resourceGroup")}
            hint="Set-AzsRegistration uses azurestack by default."
          />
          <TextField
            label="Registration name"
            name="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder={defaultName}
            error={fieldError("name")}
            hint={`Leave blank for ${defaultName}.`}
          />
        </div>
        <p className="text-xs text-slate-600" data-testid="registration-resource-id">
          Will be registered as{" "}
          <code className="break-all font-mono text-slate-900">
            {armResourceId({ subscriptionId: subscriptionId || "{subscription}", resourceGroup: resourceGroup || "{resource group}", name: effectiveName })}
          </code>
        </p>
      </Section>

      {stampInput === "manual" ? (
        <Section step={4} title="Billing">
          <BillingModelFields fieldError={fieldError} />
        </Section>
      ) : null}

      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Registering…" : "Register stamp"}
        </Button>
        <ButtonLink href="/registrations" variant="secondary">
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}
