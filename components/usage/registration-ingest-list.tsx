"use client";
// The usage page's list of registrations with their last ingest time, kept live: TanStack Query
// polls /api/usage-status (30 s) starting from what the page rendered, so a stamp's new batches
// show without a reload, and a failed poll says so instead of showing stale times as current.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { formatDateTime } from "@/lib/format/dates";
import { Badge } from "@/components/ui/badge";

export interface IngestStatusRow {
  id: string;
  stampName: string;
  billingModel: "PAY_AS_YOU_USE" | "CAPACITY";
  lastIngestAt: string | null;
}

async function fetchStatus(): Promise<IngestStatusRow[]> {
  const response = await fetch("/api/usage-status", { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`The usage status answered ${response.status}.`);
  return ((await response.json()) as { registrations: IngestStatusRow[] }).registrations;
}

export function RegistrationIngestList({ initial, selectedId }: { initial: IngestStatusRow[]; selectedId: string | null }) {
  const status = useQuery({ queryKey: ["usage-status"], queryFn: fetchStatus, initialData: initial, refetchInterval: 30_000 });
  return (
    <>
      <ul className="divide-y divide-slate-100 text-sm" data-testid="ingest-status">
        {status.data.map((r) => (
          <li key={r.id} className="py-2">
            <Link
              href={`/usage?registration=${r.id}`}
              className={r.id === selectedId ? "font-semibold text-brand-700" : "text-brand-600 hover:underline"}
              aria-current={r.id === selectedId ? "page" : undefined}
            >
              {r.stampName}
            </Link>
            {r.billingModel === "CAPACITY" ? (
              <span className="ml-2">
                <Badge tone="neutral">Capacity</Badge>
              </span>
            ) : null}
            <span className="block text-xs text-slate-500">Last ingest: {r.lastIngestAt ? formatDateTime(r.lastIngestAt) : "never"}</span>
          </li>
        ))}
      </ul>
      {status.isError ? (
        <p role="status" className="mt-2 text-xs text-amber-800">
          Couldn&apos;t refresh the ingest times; showing those from {formatDateTime(new Date(status.dataUpdatedAt))}.
        </p>
      ) : null}
    </>
  );
}
