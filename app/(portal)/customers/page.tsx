import { requirePageScope } from "@/lib/auth/get-scope";
import { scopeCan } from "@/lib/auth/partner-scope";
import { listCustomers } from "@/lib/customers/list-customers";
import { listCustomersQuerySchema } from "@/lib/customers/customer-schemas";
import { CSP_MARKETS } from "@/lib/customers/csp-markets";
import { CustomerFilters } from "@/components/customers/customer-filters";
import { CustomerTable } from "@/components/customers/customer-table";
import { Pagination } from "@/components/ui/pagination";
import { ButtonLink } from "@/components/ui/button";
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
  });
  const result = await listCustomers(scope, query);
  const showOwner = scope.isOperator || scope.partnerKind === "INDIRECT_PROVIDER";
  return (
    <>
      <PageHeader
        title="Customers"
        description="End customers whose Azure Stack Hub usage you bill, with their directory tenants and CSP subscriptions."
        actions={scopeCan(scope, "customers:write") ? <ButtonLink href="/customers/new">Add customer</ButtonLink> : null}
      />
      <CustomerFilters
        query={query}
        countries={CSP_MARKETS}
        resellers={scope.partnerKind === "INDIRECT_PROVIDER" && !scope.selectedResellerId ? scope.resellers : []}
      />
      <CustomerTable rows={result.rows} showOwner={showOwner} />
      <Pagination
        page={result.page}
        pageCount={result.pageCount}
        total={result.total}
        noun="customers"
        hrefFor={(page) => {
          const params = new URLSearchParams();
          if (query.q) params.set("q", query.q);
          if (query.country) params.set("country", query.country);
          if (query.reseller) params.set("reseller", query.reseller);
          if (page > 1) params.set("page", String(page));
          const search = params.toString();
          return search ? `/customers?${search}` : "/customers";
        }}
      />
    </>
  );
}
