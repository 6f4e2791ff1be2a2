import type { Metadata } from "next";
import Link from "next/link";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { DomainError } from "@/lib/errors";
import { lookUpInvitation } from "@/lib/users/accept-invitation";
import { PASSWORD_MIN_LENGTH } from "@/lib/users/user-schemas";
import { AcceptInvitationForm } from "@/components/users/accept-invitation-form";
import { StackcenterLogo } from "@/components/shell/stackcenter-logo";

export const metadata: Metadata = { title: "Accept invitation", referrer: "no-referrer" };

// Public: the invitee has no account yet. The token in the path is the credential.
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed %-escape: looked up as is, and not found
  }
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const token = safeDecode((await params).token);
  let invitation: Awaited<ReturnType<typeof lookUpInvitation>> | null = null;
  let problem: { code: string; message: string } | null = null;
  try {
    invitation = await lookUpInvitation(token);
    problem = invitation.problem;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    problem = { code: error.code, message: error.message };
  }

  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 p-6">
      <div className="w-full max-w-md space-y-6 rounded-lg border border-slate-200 bg-white p-8 shadow-xs">
        <StackcenterLogo />
        {invitation && !problem ? (
          <>
            <div>
              <h1 className="text-2xl font-semibold">Join {invitation.partnerName}</h1>
              <p className="mt-1 text-sm text-slate-600">
                You are invited as <span className="font-medium">{ROLE_LABELS[invitation.role]}</span>
                {invitation.customerName ? (
                  <>
                    {" "}
                    of <span className="font-medium">{invitation.customerName}</span>
                  </>
                ) : null}{" "}
                with the email{" "}
                <span className="font-medium" data-testid="invite-email">
                  {invitation.email}
                </span>
                . Choose your name and a password of at least {PASSWORD_MIN_LENGTH} characters.
              </p>
            </div>
            <AcceptInvitationForm token={token} email={invitation.email} defaultName={invitation.displayName} />
          </>
        ) : (
          <>
            <h1 className="text-2xl font-semibold">This invitation can&apos;t be used</h1>
            <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              <p className="font-medium">{problem?.message}</p>
              <p className="text-xs text-red-700">Code: {problem?.code}</p>
            </div>
            <Link href="/sign-in" className="text-sm font-medium text-brand-600 hover:underline">
              Go to sign-in
            </Link>
          </>
        )}
      </div>
    </main>
  );
}
