import Link from "next/link";
import { formatDateTime } from "@/lib/format/dates";
import { requirePageScope } from "@/lib/auth/get-scope";
import { getPriceListItem } from "@/lib/pricing/get-price-list-item";
import { PRICE_COLUMNS, PRICE_FIELDS } from "@/lib/pricing/price-list-columns";
import { orNotFound } from "@/lib/pages/or-not-found";
import { PriceAmount, TierRange } from "@/components/pricing/price-amount";
import { Card, PageHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";

export const metadata = { title: "Price" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function PriceListItemPage({ params, searchParams }: { params: Promise<{ itemId: string }>; searchParams: SearchParams }) {
  const scope = await requirePageScope("prices:read");
  const { itemId } = await params;
  const detail = await orNotFound(getPriceListItem(scope, itemId));
  // Back to the same filtered view: the list passes its own query string along.
  const back = new URLSearchParams(Object.entries(await searchParams).flatMap(([key, value]) => (typeof value === "string" ? [[key, value]] : []))).toString();
  const { item, version } = detail;
  return (
    <>
      <nav className="mb-2 text-sm">
        <Link href={back ? `/price-list?${back}` : "/price-list"} className="text-brand-600 hover:underline">
          Price list
        </Link>
      </nav>
      <PageHeader
        title={`${item.productTitle} · ${item.skuTitle}`}
        description={
          <>
            {item.meterName || item.meterId} — {item.region || "no region"}, market {item.market}{" "}
            {version.isDemo ? <Badge tone="warning">Demo price</Badge> : null}
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card title="Price list row (Partner Center columns)">
            <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
              {PRICE_FIELDS.map((field) => (
                <div key={field} className="flex flex-col border-b border-slate-100 py-1.5">
                  <dt className="text-xs text-slate-500">{PRICE_COLUMNS[field].header}</dt>
                  <dd className={`break-all ${field.endsWith("Id") || field === "meterIds" ? "font-mono text-xs" : ""}`}>
                    {item[field] || <span className="text-slate-400">—</span>}
                  </dd>
                </div>
              ))}
            </dl>
          </Card>
        </div>
        <div className="space-y-6">
          <Card title="Version">
            <dl className="space-y-2 text-sm">
              <div>
                <dt className="text-slate-500">Effective from</dt>
                <dd>{version.effectiveFrom}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Source</dt>
                <dd>
                  {version.sourceFileName}, line {item.sourceLine}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Imported</dt>
                <dd>
                  {formatDateTime(version.importedAt)}
                  {version.importedByEmail ? ` by ${version.importedByEmail}` : ""}
                </dd>
              </div>
            </dl>
          </Card>
          {detail.tiers.length > 1 ? (
            <Card title="Tiers">
              <ul className="space-y-1 text-sm">
                {detail.tiers.map((tier) => (
                  <li key={tier.id} className={`flex justify-between ${tier.id === item.id ? "font-semibold" : ""}`}>
                    <TierRange min={tier.tierMin} max={tier.tierMax} />
                    <PriceAmount price={tier.unitPrice} currency={item.currency} />
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
          <Card title="Price history in this market">
            <table className="w-full text-left text-sm" aria-label="Price history">
              <tbody className="divide-y divide-slate-100">
                {detail.history.map((entry) => (
                  <tr key={entry.versionId}>
                    <td className="py-1.5">
                      from {entry.effectiveFrom} {entry.isDemo ? <Badge tone="warning">demo</Badge> : null}
                    </td>
                    <td className="py-1.5 text-right">
                      <PriceAmount price={entry.unitPrice} currency={entry.currency} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        </div>
      </div>
    </>
  );
}
