import Link from "next/link";
import { formatDateTime } from "@/lib/format/dates";
import { requirePageScope } from "@/lib/auth/get-scope";
import { listPriceListVersions } from "@/lib/pricing/list-price-list-versions";
import { listAbandonedPriceImports } from "@/lib/pricing/list-abandoned-price-imports";
import { PRICE_COLUMNS, PRICE_SHEET_HEADER, REQUIRED_FIELDS } from "@/lib/pricing/price-list-columns";
import { todayUtc } from "@/lib/pricing/price-dates";
import { PriceListImportForm } from "@/components/pricing/price-list-import-form";
import { Card, PageHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";

export const metadata = { title: "Import price list" };

export default async function ImportPriceListPage() {
  const scope = await requirePageScope("platform:operate");
  const [versions, abandoned] = await Promise.all([listPriceListVersions(scope), listAbandonedPriceImports(scope)]);
  const required = REQUIRED_FIELDS["azure-plan"].map((field) => PRICE_COLUMNS[field].header);
  return (
    <>
      <nav className="mb-2 text-sm">
        <Link href="/price-list" className="text-brand-600 hover:underline">
          Price list
        </Link>
      </nav>
      <PageHeader
        title="Import price list"
        description="Upload Partner Center's Azure plan price list CSV. It becomes a new version for its markets from the date you choose; earlier versions stay available for earlier dates."
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card title="Upload">
            <PriceListImportForm defaultDate={todayUtc()} />
          </Card>
        </div>
        <Card title="File format">
          <p className="text-sm text-slate-600">
            Partner Center&apos;s Azure plan price sheet as downloaded (<span className="font-mono text-xs">{PRICE_SHEET_HEADER.join(", ")}</span>), with its
            dates (<span className="font-mono text-xs">3/1/2018 12:00:00 AM</span>), Excel&apos;s byte-order mark, quoted cells and tier rows. Columns in any
            order; unknown columns are ignored. Required: <span className="font-mono text-xs">{required.join(", ")}</span>.
          </p>
          <p className="mt-2 text-sm text-slate-600">
            The sheet has no region column: rows of the Azure Stack commerce meters become <strong>Azure Stack</strong> rows, named from the meter catalog. The
            portal&apos;s own download (with MeterRegion, MeterName, MeterCategory, MeterSubCategory) and the older Azure in Global CSP price list (MeterId,
            Region, Unit, Market, Currency, UnitPrice or Rate) are accepted too. Market codes and currencies are checked against the CSP markets. A file with
            any invalid row is refused as a whole.
          </p>
        </Card>
      </div>
      <div className="mt-6">
        <Card title="Versions">
          <table className="w-full text-left text-sm" aria-label="Price list versions">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="px-2 py-2">Effective from</th>
                <th className="px-2 py-2">Source</th>
                <th className="px-2 py-2">Markets</th>
                <th className="px-2 py-2 text-right">Rows</th>
                <th className="px-2 py-2">Imported</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {versions.map((version) => (
                <tr key={version.id}>
                  <td className="px-2 py-2">
                    <Link href={`/price-list?region=all&date=${version.effectiveFrom}`} className="text-brand-700 hover:underline">
                      {version.effectiveFrom}
                    </Link>{" "}
                    {version.isDemo ? <Badge tone="warning">Demo prices</Badge> : null}
                  </td>
                  <td className="px-2 py-2">{version.sourceFileName}</td>
                  <td className="px-2 py-2">{version.markets.map((m) => `${m.market} (${m.currency})`).join(", ")}</td>
                  <td className="px-2 py-2 text-right tabular-nums">{version.rowCount.toLocaleString("en-US")}</td>
                  <td className="px-2 py-2">
                    {formatDateTime(version.importedAt)}
                    {version.importedByEmail ? <div className="text-xs text-slate-500">{version.importedByEmail}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </div>
      {abandoned.length > 0 ? (
        <div className="mt-6">
          <Card title="Abandoned imports">
            <p className="mb-2 text-sm text-slate-600">
              These imports stopped before publishing (their process was stopped or lost the database). Nothing of them was published; their rows were removed.
              Import the file again if it is still needed.
            </p>
            <table className="w-full text-left text-sm" aria-label="Abandoned price list imports">
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th className="px-2 py-2">Effective from</th>
                  <th className="px-2 py-2">Source</th>
                  <th className="px-2 py-2">Started</th>
                  <th className="px-2 py-2">Last sign of life</th>
                  <th className="px-2 py-2">Abandoned</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {abandoned.map((version) => (
                  <tr key={version.id}>
                    <td className="px-2 py-2">
                      {version.effectiveFrom} <Badge tone="warning">Abandoned</Badge>
                    </td>
                    <td className="px-2 py-2">{version.sourceFileName}</td>
                    <td className="px-2 py-2">
                      {formatDateTime(version.importedAt)}
                      <div className="text-xs text-slate-500">{version.importedByEmail ?? "a script"}</div>
                    </td>
                    <td className="px-2 py-2">{version.heartbeatAt ? formatDateTime(version.heartbeatAt) : "—"}</td>
                    <td className="px-2 py-2">{version.abandonedAt ? formatDateTime(version.abandonedAt) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        </div>
      ) : null}
    </>
  );
}
