"use client";
import { useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

/**
 * The one and only display of a secret Stackcenter keeps just a hash of (API token, ingestion key,
 * invitation link): shown once, with a copy button that falls back to selecting the text when the
 * clipboard is refused (permissions, plain http).
 */
export function OneTimeSecretNotice({
  heading,
  explanation,
  value,
  valueLabel,
  noun,
  statusLabel,
  testId,
  onDismiss,
}: {
  heading: ReactNode;
  explanation?: ReactNode;
  value: string;
  /** The accessible name of the field holding the secret. */
  valueLabel: string;
  /** What the secret is called in the "couldn't copy" hint, e.g. "token". */
  noun: string;
  statusLabel?: string;
  testId?: string;
  onDismiss: () => void;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("yes");
    } catch {
      inputRef.current?.select();
      setCopied("failed");
    }
  }

  return (
    <div role="status" aria-label={statusLabel} className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm">
      <p className="font-medium text-amber-900">{heading}</p>
      {explanation ? <p className="text-amber-900">{explanation}</p> : null}
      <div className="flex flex-wrap items-center gap-2">
        <input
          ref={inputRef}
          readOnly
          value={value}
          aria-label={valueLabel}
          data-testid={testId}
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-amber-300 bg-white px-3 py-2 font-mono text-xs"
        />
        <Button type="button" variant="secondary" onClick={copy}>
          {copied === "yes" ? "Copied" : "Copy"}
        </Button>
        <Button type="button" variant="ghost" onClick={onDismiss}>
          Done
        </Button>
      </div>
      {copied === "failed" ? <p className="text-xs text-amber-900">Couldn&apos;t reach the clipboard: the {noun} is selected, press Ctrl+C.</p> : null}
    </div>
  );
}
