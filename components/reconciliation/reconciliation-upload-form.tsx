"use client";
// Uploads Microsoft's recon file for the period as the raw request body (CSV, .csv.gz or .zip):
// the server parses it while it arrives. The outcome goes to the notice region; a refusal (line,
// column, reason) stays inline, next to the file.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useNotice } from "@/components/ui/notice";

interface UploadError {
  code: string;
  message: string;
  fields?: Record<string, string>;
}

export function ReconciliationUploadForm({ period, tolerancePercent }: { period: string; tolerancePercent: string }) {
  const router = useRouter();
  const notify = useNotice();
  const [error, setError] = useState<UploadError | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setError({ code: "ValidationFailed", message: "Choose Microsoft's recon file (CSV, .gz or .zip).", fields: { file: "Choose a file." } });
      return;
    }
    setPending(true);
    setError(null);
    try {
      const query = new URLSearchParams({ fileName: file.name, tolerance: String(form.get("tolerance") ?? "0") });
      const response = await fetch(`/api/reconciliation/${period}?${query}`, {
        method: "POST",
        body: file,
        headers: { "Content-Type": "application/octet-stream" },
      });
      const result = (await response.json()) as
        { ok: true; data: { alreadyImported: boolean; azureStackLines: number; setAsideLines: number } } | { ok: false; error: UploadError };
      if (result.ok) {
        const { data } = result;
        notify({
          tone: "success",
          message: data.alreadyImported
            ? `${file.name} was already imported for ${period}: nothing changed.`
            : `Imported ${file.name}: ${data.azureStackLines.toLocaleString("en-US")} Azure Stack lines matched, ${data.setAsideLines.toLocaleString("en-US")} other lines set aside.`,
        });
        router.refresh();
      } else {
        setError(result.error);
      }
    } catch {
      setError({ code: "NetworkError", message: "The upload did not reach the server. Check the connection and try again." });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start" data-testid="reconciliation-upload">
      <div className="space-y-1.5">
        <label htmlFor="recon-file" className="block text-sm font-medium text-slate-800">
          Microsoft&apos;s recon file for {period}
        </label>
        <input
          id="recon-file"
          name="file"
          type="file"
          accept=".csv,.gz,.zip,text/csv,application/gzip,application/zip"
          aria-invalid={error ? true : undefined}
          aria-describedby="recon-file-message"
          className="block w-full text-sm"
        />
        <p id="recon-file-message" className={error ? "text-sm text-red-700" : "text-xs text-slate-500"} role={error ? "alert" : undefined}>
          {error ? error.message : "Partner Center's daily-rated usage file or the legacy usage-based file, as downloaded (CSV, gzip or zip)."}
        </p>
      </div>
      <TextField
        label="Quantity tolerance (%)"
        name="tolerance"
        defaultValue={tolerancePercent}
        inputMode="decimal"
        hint="Differences within it count as matched."
      />
      <Button type="submit" disabled={pending} className="sm:mt-6">
        {pending ? "Importing…" : "Import file"}
      </Button>
    </form>
  );
}
