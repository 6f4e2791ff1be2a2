import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { ALL_REGIONS, DEFAULT_REGION, type ResolvedPriceListQuery } from "@/lib/pricing/price-list-query";
import type { PriceListContext } from "@/lib/pricing/get-price-list-context";

// A plain GET form: every filter lives in the URL (reloads, links, back button, and the CSV
// download all see the same view). Sort is kept through hidden fields; the page resets to 1.
export function PriceListFilters({ query, context }: { query: ResolvedPriceListQuery; context: PriceListContext }) {
  const control = "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";
  const label = "flex flex-col gap-1 text-xs font-medium text-slate-600";
  const regions = [DEFAULT_REGION, ...context.regions.filter((region) => region !== DEFAULT_REGION)];
  if (query.region && !regions.includes(query.region)) regions.push(query.region);
  const changed = query.region !== DEFAULT_REGION || query.category || query.market || query.q;
  return (
    <form method="get" action="/price-list" role="search" aria-label="Price list filters" className="mb-4 flex flex-wrap items-end gap-3">
      <label className={label}>
        Region
        <select name="region" defaultValue={query.region ?? ALL_REGIONS} className={control}>
          {regions.map((region) => (
            <option key={region} value={region}>
              {region}
            </option>
          ))}
          <option value={ALL_REGIONS}>All regions</option>
        </select>
      </label>
      <label className={label}>
        Service
        <select name="category" defaultValue={query.category ?? ""} className={control}>
          <option value="">All services</option>
          {context.categories.map((category) => (
            <option key={category} value={category}>
              {category}
            </option>
          ))}
        </select>
      </label>
      <label className={label}>
        Market
        <select name="market" defaultValue={query.market ?? ""} className={control}>
          <option value="">All markets</option>
          {context.markets.map((market) => (
            <option key={market.market} value={market.market}>
              {market.market} · {market.currency}
            </option>
          ))}
        </select>
      </label>
      <label className={label}>
        Search
        <input name="q" type="search" defaultValue={query.q ?? ""} placeholder="Product, SKU or meter" className={`${control} w-64`} />
      </label>
      <label className={label}>
        Prices on
        <input name="date" type="date" defaultValue={query.date} required className={control} />
      </label>
      {query.sort !== "product" ? <input type="hidden" name="sort" value={query.sort} /> : null}
      {query.dir !== "asc" ? <input type="hidden" name="dir" value={query.dir} /> : null}
      <button type="submit" className={buttonClasses("secondary")}>
        Apply
      </button>
      {changed ? (
        <Link href="/price-list" className="py-2 text-sm text-brand-600 hover:underline">
          Reset filters
        </Link>
      ) : null}
    </form>
  );
}
