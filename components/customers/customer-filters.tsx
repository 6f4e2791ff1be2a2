import type { ListCustomersQuery } from "@/lib/customers/customer-schemas";
import { buttonClasses } from "@/components/ui/button";
import Link from "next/link";

// A plain GET form: the filters live in the URL, so they survive reloads, links and the back button.
export function CustomerFilters({
  query,
  countries,
  resellers,
}: {
  query: ListCustomersQuery;
  countries: { code: string; name: string }[];
  resellers: { id: string; name: string }[];
}) {
  const control = "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";
  return (
    <form method="get" action="/customers" role="search" className="mb-4 flex flex-wrap items-end gap-3">
      {/* Filtering keeps the list's sort. */}
      {query.sort ? <input type="hidden" name="sort" value={query.sort} /> : null}
      {query.dir ? <input type="hidden" name="dir" value={query.dir} /> : null}
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Search
        <input name="q" type="search" defaultValue={query.q ?? ""} placeholder="Company, domain or tenant ID" className={`${control} w-72`} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Country
        <select name="country" defaultValue={query.country ?? ""} className={control}>
          <option value="">All countries</option>
          {countries.map((country) => (
            <option key={country.code} value={country.code}>
              {country.name}
            </option>
          ))}
        </select>
      </label>
      {resellers.length > 0 ? (
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Reseller
          <select name="reseller" defaultValue={query.reseller ?? ""} className={control}>
            <option value="">All resellers</option>
            {resellers.map((reseller) => (
              <option key={reseller.id} value={reseller.id}>
                {reseller.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <button type="submit" className={buttonClasses("secondary")}>
        Apply
      </button>
      {query.q || query.country || query.reseller ? (
        <Link href="/customers" className="py-2 text-sm text-brand-600 hover:underline">
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}
