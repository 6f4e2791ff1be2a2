"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { parseImportStream, type ImportFailure, type ImportSuccess } from "@/lib/pricing/import-protocol";
import { PRICE_LIST_FORMAT_NAMES } from "@/lib/pricing/price-list-columns";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { ImportProblems } from "./import-problems";

type State =
  | { status: "idle" }
  | { status: "running"; sent: number; total: number; rowsRead: number; phase: string }
  | { status: "done"; result: ImportSuccess }
  | { status: "failed"; error: ImportFailure };

// XMLHttpRequest rather than fetch: only XHR reports upload progress. The file is sent as the raw
// body (no multipart), so the server parses it while it arrives; the server's progress lines
// (rows read) stream back in the response.
export function PriceListImportForm({ defaultDate }: { defaultDate: string }) {
  const router = useRouter();
  const [state, setState] = useState<State>({ status: "idle" });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    const effectiveFrom = String(form.get("effectiveFrom") ?? "");
    // Only for files without Market/Currency columns (the older Global CSP price list is one market's).
    const fileWide = Object.fromEntries(
      (["market", "currency"] as const).map((name) => [name, String(form.get(name) ?? "").trim()]).filter(([, value]) => value !== ""),
    );
    if (!(file instanceof File) || file.size === 0) {
      setState({ status: "failed", error: { code: "ValidationFailed", message: "Choose a non-empty CSV file.", fields: { file: "Required." } } });
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/price-list/import?${new URLSearchParams({ effectiveFrom, fileName: file.name, ...fileWide })}`);
    xhr.setRequestHeader("Content-Type", "text/csv");
    xhr.setRequestHeader("Accept", "application/x-ndjson");
    const running = { status: "running" as const, sent: 0, total: file.size, rowsRead: 0, phase: "uploading" };
    setState(running);
    xhr.upload.onprogress = (e) => {
      running.sent = e.loaded;
      setState({ ...running });
    };
    xhr.onprogress = () => {
      const progress = parseImportStream(xhr.responseText)
        .filter((line) => line.type === "progress")
        .at(-1);
      if (progress?.type !== "progress") return;
      running.rowsRead = progress.rowsRead;
      running.phase = progress.phase;
      setState({ ...running });
    };
    xhr.onload = () => {
      const result = xhr.getResponseHeader("Content-Type")?.includes("ndjson")
        ? parseImportStream(`${xhr.responseText}\n`).find((line) => line.type === "result")
        : safeJson(xhr.responseText);
      if (result && "ok" in result && result.ok === true) {
        setState({ status: "done", result: result.data });
        router.refresh();
      } else if (result && "error" in result && result.error) {
        setState({ status: "failed", error: result.error });
      } else {
        setState({ status: "failed", error: { code: `Http${xhr.status}`, message: "The server did not accept the upload. Nothing was imported." } });
      }
    };
    xhr.onerror = () =>
      setState({ status: "failed", error: { code: "NetworkError", message: "The upload was interrupted. Nothing was imported; try again." } });
    xhr.send(file);
  }

  const busy = state.status === "running";
  return (
    <form onSubmit={submit} className="space-y-4" aria-label="Import price list">
      <TextField label="Price list CSV" name="file" type="file" accept=".csv,text/csv" required disabled={busy} />
      <TextField
        label="Effective from"
        name="effectiveFrom"
        type="date"
        defaultValue={defaultDate}
        required
        disabled={busy}
        hint="Prices apply to usage on and after this day."
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Market" name="market" maxLength={2} disabled={busy} hint="Only for a file without a Market column, e.g. DE." />
        <TextField label="Currency" name="currency" maxLength={3} disabled={busy} hint="Only for a file without a Currency column, e.g. EUR." />
      </div>
      <Button type="submit" disabled={busy}>
        {busy ? "Importing…" : "Import"}
      </Button>
      {state.status === "running" ? (
        <div role="status" className="space-y-1 text-sm text-slate-700">
          <progress className="w-full" max={state.total || 1} value={state.sent} />
          <p>
            {state.phase === "publishing" || state.phase === "checking"
              ? `Checking and publishing ${state.rowsRead.toLocaleString("en-US")} rows…`
              : `Uploaded ${Math.round((100 * state.sent) / (state.total || 1))}% · ${state.rowsRead.toLocaleString("en-US")} rows read`}
          </p>
        </div>
      ) : null}
      {state.status === "done" ? (
        <div role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">
          Imported {state.result.rowCount.toLocaleString("en-US")} prices for {state.result.markets.map((m) => `${m.market} (${m.currency})`).join(", ")},
          effective from {state.result.effectiveFrom} ({state.result.seconds.toFixed(1)} s). Read as: {PRICE_LIST_FORMAT_NAMES[state.result.format]}.{" "}
          {state.result.derivedRegionRows > 0
            ? `${state.result.derivedRegionRows.toLocaleString("en-US")} rows had no region and got "Azure Stack" from their meter (the commerce meter catalog). `
            : null}
          <Link href={`/price-list?date=${state.result.effectiveFrom}`} className="font-medium underline">
            See the prices on {state.result.effectiveFrom}
          </Link>
        </div>
      ) : null}
      {state.status === "failed" ? <ImportProblems error={state.error} /> : null}
    </form>
  );
}

function safeJson(text: string): { ok: true; data: ImportSuccess } | { ok: false; error: ImportFailure } | null {
  try {
    return JSON.parse(text) as { ok: true; data: ImportSuccess } | { ok: false; error: ImportFailure };
  } catch {
    return null;
  }
}
