"use client";
// The "Register a stamp" form's primary input: the stamp's registration token, pasted from the
// privileged endpoint, with what it carries read back at once (the server decodes it again and
// is the judge: registration-schemas.ts).
import { DomainError } from "@/lib/errors";
import { decodeRegistrationToken } from "@/lib/registrations/decode-registration-token";
import type { RegistrationTokenContent } from "@/lib/registrations/registration-token-content";
import { TextAreaField } from "@/components/ui/field";

const TOKEN_COMMAND =
  "$token = Invoke-Command -Session $session -ScriptBlock { Get-AzsRegistrationToken -BillingModel PayAsYouUse -UsageReportingEnabled:$true }";

export type TokenReading = { content: RegistrationTokenContent } | { problem: string } | null;

/** What a pasted token says, or why it can't be read (null while the field is empty). */
export function readRegistrationToken(token: string): TokenReading {
  if (!token.trim()) return null;
  try {
    return { content: decodeRegistrationToken(token) };
  } catch (error) {
    return { problem: error instanceof DomainError ? error.message : "The registration token can't be read." };
  }
}

export function RegistrationTokenField({ token, onTokenChange, error }: { token: string; onTokenChange: (token: string) => void; error?: string }) {
  const reading = readRegistrationToken(token);
  return (
    <div className="space-y-3">
      <TextAreaField
        label="Registration token"
        name="registrationToken"
        rows={4}
        value={token}
        onChange={(event) => onTokenChange(event.target.value)}
        spellCheck={false}
        autoComplete="off"
        error={error ?? (reading && "problem" in reading ? reading.problem : undefined)}
        hint="Paste the whole token; line breaks from the PowerShell window don't matter."
      />
      <div className="rounded-md bg-slate-50 p-3 text-xs text-slate-700">
        <p>Get it on the stamp, through its privileged endpoint:</p>
        <code className="mt-1 block overflow-x-auto whitespace-pre font-mono text-[11px] text-slate-900">{TOKEN_COMMAND}</code>
      </div>
      {reading && "content" in reading ? (
        <dl aria-label="What the token says" className="grid gap-x-6 gap-y-1 rounded-md border border-slate-200 p-3 text-sm sm:grid-cols-2">
          <dt className="text-slate-500">CloudDeploymentID</dt>
          <dd className="break-all font-mono text-xs">{reading.content.CloudId}</dd>
          <dt className="text-slate-500">Billing model</dt>
          <dd>{reading.content.BillingModel === "Capacity" ? `Capacity (agreement ${reading.content.AgreementNumber})` : "Pay-as-you-use"}</dd>
          <dt className="text-slate-500">Usage reporting</dt>
          <dd>{reading.content.BillingModel !== "Capacity" && reading.content.UsageReportingEnabled ? "Enabled" : "Disabled"}</dd>
          <dt className="text-slate-500">Marketplace syndication</dt>
          <dd>{reading.content.MarketplaceSyndicationEnabled ? "Enabled" : "Disabled"}</dd>
        </dl>
      ) : null}
    </div>
  );
}
