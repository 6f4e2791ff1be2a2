import Link from "next/link";
import { format } from "date-fns";
import { requirePageScope } from "@/lib/auth/get-scope";
import { getUsageRegistrationDetail } from "@/lib/usage/get-usage-registration-detail";
import { listUsageRegistrations } from "@/lib/usage/list-usage-registrations";
import { UsageRegistrationPanel } from "@/components/usage/usage-registration-panel";
import { Badge, Card, PageHeader } from "@/components/ui/card";

export const metadata = { title: "Usage" };

export default async function UsagePage({ searchParams }: { searchParams: Promise<{ registration?: string }> }) {
  const scope = await requirePageScope("usage:read");
  const { registration: requested } = await searchParams;
  const registrations = await listUsageRegistrations(scope);
  const selected = registrations.find((r) => r.id === requested) ?? registrations[0];
  const detail = selected ? await getUsageRegistrationDetail(scope, selected.id) : null;

  return (
    <>
      <PageHeader title="Usage" description="Hourly usage reported by your stamps, mapped from local to commerce meters and rated against the price list." />
      {registrations.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">No registrations yet. Register a stamp, create an ingestion key on its page, and point the usage collector at it.</p>
        </Card>
      ) : (
        <div className="grid gap-6 lg:grid-cols-3">
          <Card title="Registrations">
            <ul className="divide-y divide-slate-100 text-sm">
              {registrations.map((r) => (
                <li key={r.id} className="py-2">
                  <Link href={`/usage?registration=${r.id}`} className={r.id === selected?.id ? "font-semibold text-brand-700" : "text-brand-600 hover:underline"} aria-current={r.id === selected?.id ? "page" : undefined}>
                    {r.stampName}
                  </Link>
                  {r.billingModel === "CAPACITY" ? <span className="ml-2"><Badge tone="neutral">Capacity</Badge></span> : null}
                  <span className="block text-xs text-slate-500">Last ingest: {r.lastIngestAt ? format(r.lastIngestAt, "d MMM yyyy, HH:mm") : "never"}</span>
                </li>
              ))}
            </ul>
          </Card>
          <div className="lg:col-span-2">{detail && selected ? <UsageRegistrationPanel detail={detail} capacity={selected.billingModel === "CAPACITY"} /> : null}</div>
        </div>
      )}
    </>
  );
}
