import { requirePageScope } from "@/lib/auth/get-scope";
import { scopeCan } from "@/lib/auth/partner-scope";
import { listPriceItems } from "@/lib/pricing/list-price-items";
import { getPriceListContext } from "@/lib/pricing/get-price-list-context";
import { canExportPriceList } from "@/lib/pricing/export-price-list";
import { parsePriceListSearchParams, priceListParams, resolvePriceListQuery } from "@/lib/pricing/price-list-query";
import { PriceListFilters } from "@/components/pricing/price-list-filters";
import { PriceListTable } from "@/components/pricing/price-list-table";
import { DemoPricesNotice } from "@/components/pricing/demo-prices-notice";
import { Pagination } from "@/components/ui/pagination";
import { ButtonLink, buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";

export const metadata = { title: "Price list" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function PriceListPage({ searchParams }: { searchParams: SearchParams }) {
  const scope = await requirePageScope("prices:read");
  const parsed = parsePriceListSearchParams(await searchParams);
  const query = resolvePriceListQuery(parsed);
  const explicitDate = parsed.date !== undefined;
  const [context, result] = await Promise.all([getPriceListContext(scope, query.date), listPriceItems(scope, query)]);
  const hrefWith = (overrides: Parameters<typeof priceListParams>[2]) => {
    const search = priceListParams(query, explicitDate, overrides).toString();
    return search ? `/price-list?${search}` : "/price-list";
  };
  // The label follows the markets on screen: a US-only view of imported prices isn't "demo".
  const showsDemoPrices = context.markets.some((market) => market.isDemo && (!query.market || market.market === query.market));
  const exportParams = priceListParams(query, true, { page: 1 }).toString();

  return (
    <>
      <PageHeader
        title="Price list"
        description="Microsoft's Azure plan price list in Partner Center's columns. Azure Stack Hub meters are the rows with Region = Azure Stack; change the filters for global Azure."
        actions={
          <>
            {canExportPriceList(scope) ? (
              <>
                <a href={`/api/price-list/export?${exportParams}`} className={buttonClasses("secondary")} download>
                  Download CSV
                </a>
                <a
                  href={`/api/price-list/export?${exportParams}${exportParams ? "&" : ""}columns=portal`}
                  className={buttonClasses("secondary")}
                  title="Partner Center's price sheet columns plus MeterRegion, MeterName, MeterCategory and MeterSubCategory"
                  download
                >
                  Download CSV with meter columns
                </a>
              </>
            ) : null}
            {scopeCan(scope, "platform:operate") ? <ButtonLink href="/price-list/import">Import price list</ButtonLink> : null}
          </>
        }
      />
      {showsDemoPrices ? <DemoPricesNotice /> : null}
      <PriceListFilters query={query} context={context} />
      <PriceListTable
        rows={result.rows}
        query={query}
        sortHref={(sort, dir) => hrefWith({ sort, dir, page: 1 })}
        detailQuery={hrefWith({}).split("?")[1] ?? ""}
      />
      <Pagination
        page={result.page}
        pageCount={result.pageCount}
        total={result.total}
        noun={result.total === 1 ? "price" : "prices"}
        hrefFor={(page) => hrefWith({ page })}
      />
    </>
  );
}
