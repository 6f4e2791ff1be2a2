"use client";
// Multi-tenancy approval from the partner's side: the state, the request button, and the email
// text the seed asks partners to send Microsoft (registration name, resource group, subscription
// id), with a copy button and a mailto link. Operators decide in /operator/approvals.
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { BillingModel, MultiTenancyState } from "@/generated/prisma/enums";
import { requestMultiTenancyAction } from "@/lib/registrations/actions";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useActionForm } from "@/components/ui/use-action-form";
import { MultiTenancyBadge } from "./labels";
import { RegistrationError } from "./registration-error";

export interface ApprovalEmail {
  to: string;
  subject: string;
  body: string;
}

interface Props {
  registrationId: string;
  state: MultiTenancyState;
  billingModel: BillingModel;
  /** Dates pre-formatted on the server, so the client renders the same text. */
  requestedAt: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  email: ApprovalEmail;
  canRequest: boolean;
}

export function mailtoHref(email: ApprovalEmail): string {
  return `mailto:${email.to}?subject=${encodeURIComponent(email.subject)}&body=${encodeURIComponent(email.body)}`;
}

export function EmailText({ email }: { email: ApprovalEmail }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const text = `To: ${email.to}\nSubject: ${email.subject}\n\n${email.body}`;
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("yes");
    } catch {
      // Clipboard access can be denied (permissions, insecure origin); the text stays selectable.
      setCopied("failed");
    }
  }
  return (
    <div className="space-y-2">
      <pre
        data-testid="approval-email"
        className="overflow-x-auto whitespace-pre-wrap rounded-md border border-slate-200 bg-slate-50 p-3 font-mono text-xs text-slate-800"
      >
        {text}
      </pre>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="button" variant="secondary" onClick={copy}>
          Copy email text
        </Button>
        <a href={mailtoHref(email)} className="text-sm text-brand-600 hover:underline">
          Open in your mail app
        </a>
        <span role="status" className="text-xs text-slate-500">
          {copied === "yes" ? "Copied." : copied === "failed" ? "Copy failed: select the text instead." : ""}
        </span>
      </div>
    </div>
  );
}

function StateText({ state, requestedAt, decidedAt, decisionNote }: Pick<Props, "state" | "requestedAt" | "decidedAt" | "decisionNote">) {
  switch (state) {
    case "NOT_REQUESTED":
      return <p>Microsoft must approve this registration for multi-tenancy before you can add customer tenants to it.</p>;
    case "PENDING":
      return <p>Requested {requestedAt}. Waiting for Microsoft to approve; you can add customer tenants once it is approved.</p>;
    case "APPROVED":
      return <p>Approved {decidedAt}. You can add customer tenants to this registration.</p>;
    case "REJECTED":
      return (
        <p>
          Rejected {decidedAt}
          {decisionNote ? (
            <>
              :{" "}
              <span className="font-medium" data-testid="decision-note">
                {decisionNote}
              </span>
            </>
          ) : null}
          . Fix what Microsoft asked and request again.
        </p>
      );
  }
}

export function ApprovalRequestCard(props: Props) {
  const { registrationId, state, billingModel, email, canRequest } = props;
  const router = useRouter();
  const { error, pending, submit } = useActionForm(
    requestMultiTenancyAction,
    () => router.refresh(),
    () => "Multi-tenancy approval requested: send the email below to Microsoft, who approves it.",
  );
  const capacity = billingModel === "CAPACITY";
  const canAsk = canRequest && !capacity && (state === "NOT_REQUESTED" || state === "REJECTED");
  return (
    <Card
      title="Multi-tenancy approval"
      actions={
        <span data-testid="multi-tenancy-state">
          <MultiTenancyBadge state={state} />
        </span>
      }
    >
      <div className="space-y-4 text-sm text-slate-700">
        <RegistrationError error={error} />
        <StateText {...props} />
        {capacity && state !== "APPROVED" ? (
          <p className="text-amber-800">Capacity registrations can&apos;t use multi-tenancy: re-register with Pay-as-you-use first.</p>
        ) : null}
        {state !== "APPROVED" && !capacity ? (
          <div className="space-y-2">
            <p className="font-medium text-slate-900">{state === "PENDING" ? "The request Microsoft received:" : "The request Microsoft will receive:"}</p>
            <EmailText email={email} />
          </div>
        ) : null}
        {canAsk ? (
          <Button type="button" disabled={pending} onClick={() => submit({ registrationId })}>
            {pending ? "Requesting…" : state === "REJECTED" ? "Request approval again" : "Request approval"}
          </Button>
        ) : null}
      </div>
    </Card>
  );
}
