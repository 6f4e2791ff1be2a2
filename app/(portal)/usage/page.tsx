import { requirePageScope } from "@/lib/auth/get-scope";
import { getUsageRegistrationDetail } from "@/lib/usage/get-usage-registration-detail";
import { listUsageRegistrations } from "@/lib/usage/list-usage-registrations";
import { UsageRegistrationPanel } from "@/components/usage/usage-registration-panel";
import { RegistrationIngestList } from "@/components/usage/registration-ingest-list";
import { Card, PageHeader } from "@/components/ui/card";

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
          <p className="text-sm text-slate-600">
            No registrations yet. Register a stamp, create an ingestion key on its page, and point the usage collector at it.
          </p>
        </Card>
      ) : (
        <div className="grid gap-6 lg:grid-cols-3">
          <Card title="Registrations">
            <RegistrationIngestList
              selectedId={selected?.id ?? null}
              initial={registrations.map((r) => ({
                id: r.id,
                stampName: r.stampName,
                billingModel: r.billingModel,
                lastIngestAt: r.lastIngestAt?.toISOString() ?? null,
              }))}
            />
          </Card>
          <div className="lg:col-span-2">
            {detail && selected ? <UsageRegistrationPanel detail={detail} capacity={selected.billingModel === "CAPACITY"} /> : null}
          </div>
        </div>
      )}
    </>
  );
}
