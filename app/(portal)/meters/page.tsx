import Link from "next/link";
import { requirePageScope } from "@/lib/auth/get-scope";
import { listMeterCatalog } from "@/lib/meters/list-meter-catalog";
import { LocalMeterTable } from "@/components/meters/local-meter-table";
import { CommerceMeterTable } from "@/components/meters/commerce-meter-table";
import { buttonClasses } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";

export const metadata = { title: "Meters" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function MetersPage({ searchParams }: { searchParams: SearchParams }) {
  const scope = await requirePageScope("prices:read");
  const raw = await searchParams;
  const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;
  const q = single(raw.q)?.trim().slice(0, 100);
  const billedParam = single(raw.billed);
  const billed = billedParam === "billed" || billedParam === "unbilled" ? billedParam : undefined;
  const catalog = await listMeterCatalog(scope, { q, billed });
  const control = "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";
  return (
    <>
      <PageHeader
        title="Meters"
        description={`Azure Stack Hub resource providers emit ${catalog.totals.localMeters} local meters; Microsoft bills ${catalog.totals.billedLocalMeters} of them through ${catalog.totals.commerceMeters} Azure Commerce meters. The others are yours for chargeback.`}
      />
      <form method="get" action="/meters" role="search" aria-label="Meter search" className="mb-4 flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Search
          <input name="q" type="search" defaultValue={q ?? ""} placeholder="Name, provider, unit or meter ID" className={`${control} w-72`} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Billing
          <select name="billed" defaultValue={billed ?? ""} className={control}>
            <option value="">All meters</option>
            <option value="billed">Billed by Microsoft</option>
            <option value="unbilled">Not billed by Microsoft</option>
          </select>
        </label>
        <button type="submit" className={buttonClasses("secondary")}>
          Apply
        </button>
        {q || billed ? (
          <Link href="/meters" className="py-2 text-sm text-brand-600 hover:underline">
            Clear
          </Link>
        ) : null}
      </form>
      <div className="space-y-6">
        <Card title={`Local meters (${catalog.localMeters.length})`}>
          <LocalMeterTable meters={catalog.localMeters} />
        </Card>
        {billed !== "unbilled" ? (
          <Card title={`Azure Commerce meters (${catalog.commerceMeters.length})`}>
            <CommerceMeterTable meters={catalog.commerceMeters} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
