"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import type { ActionError } from "@/lib/actions/action-result";
import { acceptInvitationAction } from "@/lib/users/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { formValues } from "@/components/ui/use-action-form";

/** Sets the name and password, creates the account, then signs the person in with it. */
export function AcceptInvitationForm({ token, email, defaultName }: { token: string; email: string; defaultName: string }) {
  const router = useRouter();
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    startTransition(async () => {
      const result = await acceptInvitationAction({ ...values, token });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      const signedIn = await signIn("credentials", { email, password: values.password, redirect: false });
      if (!signedIn || signedIn.error) {
        // The account exists; only the automatic sign-in failed (e.g. rate limit): sign in by hand.
        router.replace("/sign-in");
        return;
      }
      router.replace("/");
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Accept invitation">
      <FormError error={error} />
      <TextField label="Your name" name="displayName" defaultValue={defaultName} maxLength={120} autoComplete="name" error={error?.fields?.displayName} />
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <TextField label="Password" name="password" type="password" autoComplete="new-password" error={error?.fields?.password} />
      <TextField label="Repeat password" name="confirmPassword" type="password" autoComplete="new-password" error={error?.fields?.confirmPassword} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating your account…" : "Create account and sign in"}
      </Button>
    </form>
  );
}
