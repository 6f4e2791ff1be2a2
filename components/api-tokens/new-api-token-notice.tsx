"use client";
import { OneTimeSecretNotice } from "@/components/ui/one-time-secret-notice";

/** The one and only display of a new token's plaintext. */
export function NewApiTokenNotice({ name, token, onDismiss }: { name: string; token: string; onDismiss: () => void }) {
  return (
    <OneTimeSecretNotice
      heading={<>Token “{name}” created. Copy it now: you won&apos;t see it again.</>}
      explanation="Stackcenter keeps only a hash of it. If you lose it, revoke it and create a new one."
      value={token}
      valueLabel="New API token"
      noun="token"
      onDismiss={onDismiss}
    />
  );
}
