import Link from "next/link";
import type { PriceListRow } from "@/lib/pricing/price-list-sql";
import type { PriceSort, ResolvedPriceListQuery } from "@/lib/pricing/price-list-query";
import { PriceAmount, TierRange } from "./price-amount";

const COLUMNS: { label: string; sort?: PriceSort; className?: string }[] = [
  { label: "Product", sort: "product" },
  { label: "SKU", sort: "sku" },
  { label: "Meter", sort: "meter" },
  { label: "Region", sort: "region" },
  { label: "Market", sort: "market" },
  { label: "Unit of measure" },
  { label: "Unit price", sort: "price", className: "text-right" },
  { label: "Effective", sort: "start" },
];

export function PriceListTable({
  rows,
  query,
  sortHref,
  detailQuery,
}: {
  rows: PriceListRow[];
  query: ResolvedPriceListQuery;
  sortHref: (sort: PriceSort, dir: "asc" | "desc") => string;
  /** The list's query string, so the detail page can link back to the same view. */
  detailQuery: string;
}) {
  if (rows.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-sm text-slate-600">
        No prices match these filters on {query.date}.
      </div>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs">
      <table className="w-full text-left text-sm" aria-label="Prices">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            {COLUMNS.map((column) => {
              const active = column.sort === query.sort;
              const nextDir = active && query.dir === "asc" ? "desc" : "asc";
              return (
                <th
                  key={column.label}
                  className={`px-3 py-2.5 ${column.className ?? ""}`}
                  aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}
                >
                  {column.sort ? (
                    <Link href={sortHref(column.sort, nextDir)} className="hover:text-slate-800">
                      {column.label}
                      {active ? (query.dir === "asc" ? " ▲" : " ▼") : ""}
                    </Link>
                  ) : (
                    column.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} className="hover:bg-slate-50">
              <td className="px-3 py-2">
                <Link href={`/price-list/${row.id}${detailQuery ? `?${detailQuery}` : ""}`} className="font-medium text-brand-700 hover:underline">
                  {row.productTitle}
                </Link>
                <div className="font-mono text-xs text-slate-500">{row.productId}</div>
              </td>
              <td className="px-3 py-2">
                {row.skuTitle}
                <div className="font-mono text-xs text-slate-500">{row.skuId}</div>
              </td>
              <td className="px-3 py-2">
                {row.meterName || <span className="text-slate-400">—</span>}
                <div className="font-mono text-xs text-slate-500">{row.meterId}</div>
              </td>
              <td className="px-3 py-2">{row.region || <span className="text-slate-400">(none)</span>}</td>
              <td className="px-3 py-2">{row.market}</td>
              <td className="px-3 py-2">{row.unitOfMeasure}</td>
              <td className="px-3 py-2 text-right">
                <PriceAmount price={row.unitPrice} currency={row.currency} />
                <TierRange min={row.tierMin} max={row.tierMax} />
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                {row.effectiveStartDate}
                {row.effectiveEndDate ? <div className="text-xs text-slate-500">until {row.effectiveEndDate}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
