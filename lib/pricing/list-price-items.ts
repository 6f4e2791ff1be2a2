import "server-only";
import { getDatabase } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import type { ResolvedPriceListQuery } from "./price-list-query";
import { queryPriceListPage, type PriceListPage } from "./query-price-list-page";

export type { PriceListPage };

/**
 * One page of the price list in effect on `query.date`, filtered and sorted in SQL (indexed), so
 * it stays fast on lists of 100k rows. Microsoft's list is the same for every partner: the scope
 * only needs "prices:read".
 */
export async function listPriceItems(scope: PartnerScope, query: ResolvedPriceListQuery): Promise<PriceListPage> {
  assertScopeCan(scope, "prices:read");
  return queryPriceListPage((await getDatabase()).sql, query);
}
