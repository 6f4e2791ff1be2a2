"use client";
// The operators' queue of pending multi-tenancy requests: each shows the request email's facts
// and can be approved, or rejected with a reason the partner then sees. Decisions are kept in a
// list at the top, because the decided request leaves the queue when the page refreshes.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { decideMultiTenancyAction } from "@/lib/registrations/actions";
import { Button } from "@/components/ui/button";
import { useActionForm } from "@/components/ui/use-action-form";
import { EmailText, type ApprovalEmail } from "./approval-request-card";
import { RegistrationError } from "./registration-error";

export interface PendingRequest {
  id: string;
  name: string;
  resourceGroup: string;
  subscriptionId: string;
  partnerName: string;
  stampName: string;
  stampRegion: string;
  defaultSubscription: string;
  requestedAt: string;
  email: ApprovalEmail;
}

function RequestItem({ request }: { request: PendingRequest }) {
  const router = useRouter();
  const [note, setNote] = useState("");
  const { error, pending, submit, fieldError } = useActionForm(
    decideMultiTenancyAction,
    () => router.refresh(),
    ({ state }) => `${state === "APPROVED" ? "Approved" : "Rejected"} ${request.name} (${request.partnerName}).`,
  );
  const decide = (decision: "APPROVED" | "REJECTED") => submit({ registrationId: request.id, decision, note });
  function onReject(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    decide("REJECTED");
  }
  const titleId = `request-${request.id}`;
  const noteError = fieldError("note");
  return (
    <article aria-labelledby={titleId} className="rounded-lg border border-slate-200 bg-white p-5 shadow-xs">
      <header className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={titleId} className="break-all font-mono text-sm font-semibold">
          {request.name}
        </h2>
        <p className="text-xs text-slate-500">Requested {request.requestedAt}</p>
      </header>
      <dl className="mb-4 grid gap-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <dt className="text-slate-500">Partner</dt>
          <dd>{request.partnerName}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Resource group</dt>
          <dd>{request.resourceGroup}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Subscription ID</dt>
          <dd className="break-all font-mono text-xs">{request.subscriptionId}</dd>
          <dd className="text-xs text-slate-500">{request.defaultSubscription}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Stamp</dt>
          <dd>
            {request.stampName} · {request.stampRegion}
          </dd>
        </div>
      </dl>
      <details className="mb-4 text-sm">
        <summary className="cursor-pointer text-brand-600">The request email</summary>
        <div className="mt-2">
          <EmailText email={request.email} />
        </div>
      </details>
      <RegistrationError error={error} />
      <div className="mt-3 flex flex-wrap items-start gap-4">
        <Button type="button" disabled={pending} onClick={() => decide("APPROVED")}>
          Approve
        </Button>
        <form onSubmit={onReject} className="flex min-w-72 flex-1 flex-wrap items-start gap-2" noValidate>
          <div className="min-w-60 flex-1 space-y-1">
            <label htmlFor={`note-${request.id}`} className="sr-only">
              Reason for rejecting {request.name}
            </label>
            <textarea
              id={`note-${request.id}`}
              name="note"
              rows={2}
              value={note}
              onChange={(event) => setNote(event.target.value)}
              placeholder="Reason for rejecting (shown to the partner)"
              aria-invalid={noteError ? true : undefined}
              className={`block w-full rounded-md border px-3 py-2 text-sm ${noteError ? "border-red-400" : "border-slate-300"}`}
            />
            {noteError ? <p className="text-sm text-red-700">{noteError}</p> : null}
          </div>
          <Button type="submit" variant="danger" disabled={pending}>
            Reject
          </Button>
        </form>
      </div>
    </article>
  );
}

export function ApprovalQueue({ requests }: { requests: PendingRequest[] }) {
  return (
    <div className="space-y-4">
      {requests.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-sm text-slate-600">No pending multi-tenancy requests.</p>
      ) : (
        requests.map((request) => <RequestItem key={request.id} request={request} />)
      )}
    </div>
  );
}
