"use client";
// A registration's stamp connection (admin agents): how the portal reaches the stamp's admin
// Resource Manager to collect its usage, and "Test connection", which shows each step's result.
// The secret or certificate is write-only: left empty, the stored one is kept.
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { saveStampConnectionAction, testStampConnectionAction } from "@/lib/stamps/actions";
import type { ConnectionStep } from "@/lib/stamps/test-stamp-connection";
import type { StampConnectionView } from "@/lib/stamps/get-stamp-connection";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { formValues, useActionForm } from "@/components/ui/use-action-form";

const STEP_LABELS: Record<ConnectionStep["step"], string> = { metadata: "ARM metadata", token: "Sign-in token", usage: "One hour of usage" };

export function StampConnectionForm({ registrationId, connection }: { registrationId: string; connection: StampConnectionView | null }) {
  const router = useRouter();
  const [system, setSystem] = useState<"ENTRA" | "ADFS">(connection?.identitySystem ?? "ENTRA");
  const [kind, setKind] = useState(connection?.credentialKind === "certificate" ? "certificate" : "secret");
  const [saved, setSaved] = useState(false);
  const [steps, setSteps] = useState<ConnectionStep[] | null>(null);
  const [testError, setTestError] = useState<string | null>(null);
  const [testing, startTest] = useTransition();
  const { error, pending, submit, fieldError } = useActionForm(saveStampConnectionAction, () => {
    setSaved(true);
    router.refresh();
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    setSteps(null);
    submit({ ...formValues(event.currentTarget), registrationId });
  }

  function test() {
    setSteps(null);
    setTestError(null);
    startTest(async () => {
      const result = await testStampConnectionAction({ registrationId });
      if (result.ok) setSteps(result.data.steps);
      else setTestError(`${result.error.code}: ${result.error.message}`);
    });
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="space-y-3" noValidate aria-label="Stamp connection">
        <FormError error={error} />
        <TextField
          label="Admin Resource Manager endpoint"
          name="armEndpoint"
          defaultValue={connection?.armEndpoint ?? ""}
          placeholder="https://adminmanagement.local.azurestack.external"
          error={fieldError("armEndpoint")}
        />
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField
            label="Identity system"
            name="identitySystem"
            value={system}
            onChange={(event) => setSystem(event.target.value === "ADFS" ? "ADFS" : "ENTRA")}
            options={[
              { value: "ENTRA", label: "Microsoft Entra ID (connected)" },
              { value: "ADFS", label: "AD FS (disconnected)" },
            ]}
            error={fieldError("identitySystem")}
          />
          {system === "ENTRA" ? (
            <TextField
              label="Directory (tenant) id"
              name="tenantId"
              defaultValue={connection?.tenantId === "adfs" ? "" : (connection?.tenantId ?? "")}
              error={fieldError("tenantId")}
            />
          ) : null}
        </div>
        <TextField
          label="Application (client) id"
          name="clientId"
          defaultValue={connection?.clientId ?? ""}
          error={fieldError("clientId")}
          hint="A service principal with the Reader role on the provider subscription."
        />
        <SelectField
          label="Credential"
          name="credentialKind"
          value={kind}
          onChange={(event) => setKind(event.target.value === "certificate" ? "certificate" : "secret")}
          options={[
            { value: "secret", label: "Client secret" },
            { value: "certificate", label: "Certificate (PEM with its private key)" },
          ]}
        />
        {kind === "secret" ? (
          <TextField
            label="Client secret"
            name="credential"
            type="password"
            autoComplete="off"
            error={fieldError("credential")}
            hint={connection ? "Stored encrypted and never shown again; leave empty to keep it." : "Stored encrypted and never shown again."}
          />
        ) : (
          <TextAreaField
            label="Certificate and private key (PEM)"
            name="credential"
            rows={4}
            error={fieldError("credential")}
            hint={connection ? "Leave empty to keep the stored one." : undefined}
          />
        )}
        <TextField
          label="Provider subscription id"
          name="providerSubscriptionId"
          defaultValue={connection?.providerSubscriptionId ?? ""}
          error={fieldError("providerSubscriptionId")}
          hint="The stamp's Default Provider Subscription."
        />
        <TextAreaField
          label="Stamp CA certificate (PEM, optional)"
          name="caCertificatePem"
          rows={3}
          defaultValue={connection?.caCertificatePem ?? ""}
          error={fieldError("caCertificatePem")}
          hint="Stamps use their own PKI: this CA is trusted for this stamp only."
        />
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save connection"}
          </Button>
          {connection ? (
            <Button type="button" variant="secondary" onClick={test} disabled={testing}>
              {testing ? "Testing…" : "Test connection"}
            </Button>
          ) : null}
          {saved ? (
            <p role="status" className="text-sm text-emerald-700">
              Connection saved.
            </p>
          ) : null}
        </div>
      </form>
      {testError ? (
        <p role="alert" className="text-sm text-red-700">
          {testError}
        </p>
      ) : null}
      {steps ? (
        <ol aria-label="Connection test" className="space-y-1 text-sm">
          {steps.map((step) => (
            <li key={step.step} data-testid={`connection-step-${step.step}`} data-ok={step.ok} className={step.ok ? "text-emerald-800" : "text-red-700"}>
              <span className="font-medium">
                {step.ok ? "✓" : "✗"} {STEP_LABELS[step.step]}:
              </span>{" "}
              <span className="break-all">{step.detail}</span>
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
