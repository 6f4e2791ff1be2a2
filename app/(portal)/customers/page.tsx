import { requirePageScope } from "@/lib/auth/get-scope";
import { scopeCan } from "@/lib/auth/partner-scope";
import { listCustomers } from "@/lib/customers/list-customers";
import { listCustomersQuerySchema } from "@/lib/customers/customer-schemas";
import { CSP_MARKETS } from "@/lib/customers/csp-markets";
import { CustomerFilters } from "@/components/customers/customer-filters";
import { CustomerTable } from "@/components/customers/customer-table";
import { Pagination } from "@/components/ui/pagination";
import { ButtonLink, buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";

export const metadata = { title: "Customers" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CustomersPage({ searchParams }: { searchParams: SearchParams }) {
  const scope = await requirePageScope("customers:read");
  const raw = await searchParams;
  const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;
  const query = listCustomersQuerySchema.parse({
    q: single(raw.q),
    country: single(raw.country),
    reseller: single(raw.reseller),
    page: single(raw.page),
    sort: single(raw.sort),
    dir: single(raw.dir),
  });
  const result = await listCustomers(scope, query);
  const showOwner = scope.isOperator || scope.partnerKind === "INDIRECT_PROVIDER";
  const listHref = (changes: { page?: number; sort?: string; dir?: string }, withPage = true) => {
    const params = new URLSearchParams();
    if (query.q) params.set("q", query.q);
    if (query.country) params.set("country", query.country);
    if (query.reseller) params.set("reseller", query.reseller);
    const sort = changes.sort ?? query.sort;
    const dir = changes.dir ?? query.dir;
    if (sort) params.set("sort", sort);
    if (dir) params.set("dir", dir);
    if (withPage && changes.page && changes.page > 1) params.set("page", String(changes.page));
    return params.toString();
  };
  const exportQuery = listHref({}, false);
  return (
    <>
      <PageHeader
        title="Customers"
        description="End customers whose Azure Stack Hub usage you bill, with their directory tenants and CSP subscriptions."
        actions={
          <>
            <a
              href={`/api/customers/export${exportQuery ? `?${exportQuery}` : ""}`}
              className={buttonClasses("secondary")}
              download
              data-testid="customers-csv"
            >
              Export CSV
            </a>
            {scopeCan(scope, "customers:write") ? <ButtonLink href="/customers/new">Add customer</ButtonLink> : null}
          </>
        }
      />
      <CustomerFilters
        query={query}
        countries={CSP_MARKETS}
        resellers={scope.partnerKind === "INDIRECT_PROVIDER" && !scope.selectedResellerId ? scope.resellers : []}
      />
      <CustomerTable
        rows={result.rows}
        showOwner={showOwner}
        filtered={Boolean(query.q || query.country || query.reseller)}
        canCreate={scopeCan(scope, "customers:write")}
        sorting={{ sort: query.sort, dir: query.dir, hrefFor: (sort, dir) => `/customers?${listHref({ sort, dir })}` }}
      />
      <Pagination
        page={result.page}
        pageCount={result.pageCount}
        total={result.total}
        noun="customers"
        hrefFor={(page) => {
          const search = listHref({ page });
          return search ? `/customers?${search}` : "/customers";
        }}
      />
    </>
  );
}
