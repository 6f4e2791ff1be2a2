"use client";
import { useState } from "react";

/** An internal id kept out of the way: its value on hover (title), copied on click. */
export function CopyIdButton({ id, of }: { id: string; of: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      title={id}
      aria-label={copied ? `ID copied: ${of}` : `Copy ID of ${of}`}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(id);
          setCopied(true);
        } catch {
          window.prompt("Copy the ID", id);
        }
      }}
      className="rounded px-1 text-xs text-brand-700 underline-offset-2 hover:underline"
    >
      {copied ? "ID copied" : "Copy ID"}
    </button>
  );
}
