import "server-only";
import type { Prisma } from "../../generated/prisma/client";
import { getPrisma } from "../db";
import { assertScopeCan, visiblePartnerFilter, type PartnerScope } from "../auth/partner-scope";
import type { CustomerSort, ListCustomersQuery } from "./customer-schemas";

export const CUSTOMERS_PAGE_SIZE = 20;
/** Subscriptions shown when a row is expanded; the customer's page lists them all. */
export const EXPANDED_SUBSCRIPTIONS = 10;

export interface CustomerListRow {
  id: string;
  companyName: string;
  domain: string;
  tenantId: string;
  country: string;
  createdAt: Date;
  partner: { id: string; name: string; kind: string };
  subscriptionCount: number;
  /** The first subscriptions by name, for the list's expandable row. */
  subscriptions: { id: string; displayName: string; status: string }[];
}

export interface CustomerListPage {
  rows: CustomerListRow[];
  total: number;
  page: number;
  pageCount: number;
}

/** The order of a sort column; ties broken by name then id, so pages never overlap. */
export function customerOrder(sort: CustomerSort | undefined, dir: "asc" | "desc" = "asc"): Prisma.CustomerOrderByWithRelationInput[] {
  const first: Prisma.CustomerOrderByWithRelationInput =
    sort === "domain"
      ? { domain: dir }
      : sort === "country"
        ? { country: dir }
        : sort === "owner"
          ? { partner: { name: dir } }
          : sort === "subscriptions"
            ? { subscriptions: { _count: dir } }
            : sort === "created"
              ? { createdAt: dir }
              : { companyName: dir };
  return [first, { companyName: "asc" }, { id: "asc" }];
}

/** The filter of the customer list (and its CSV export), within what the scope sees. */
export function customerListWhere(scope: PartnerScope, query: ListCustomersQuery): Prisma.CustomerWhereInput {
  const partnerFilter = visiblePartnerFilter(scope);
  // The reseller filter only narrows within what the scope already sees.
  const reseller = query.reseller && (!partnerFilter || partnerFilter.in.includes(query.reseller)) ? query.reseller : undefined;
  const q = query.q?.trim();
  return {
    AND: [
      partnerFilter ? { partnerId: partnerFilter } : {},
      reseller ? { partnerId: reseller } : {},
      query.country ? { country: query.country } : {},
      q
        ? {
            OR: [
              { companyName: { contains: q, mode: "insensitive" } },
              { domain: { contains: q, mode: "insensitive" } },
              ...(/^[0-9a-f-]{36}$/i.test(q) ? [{ tenantId: q.toLowerCase() }] : []),
            ],
          }
        : {},
    ],
  };
}

const ROW_SELECT = {
  id: true,
  companyName: true,
  domain: true,
  tenantId: true,
  country: true,
  createdAt: true,
  partner: { select: { id: true, name: true, kind: true } },
  _count: { select: { subscriptions: true } },
  subscriptions: { select: { id: true, displayName: true, status: true }, orderBy: { displayName: "asc" }, take: EXPANDED_SUBSCRIPTIONS },
} satisfies Prisma.CustomerSelect;

/** Customers the scope can see, filtered by text (name, domain, tenant id), country and reseller, sorted by a column. */
export async function listCustomers(scope: PartnerScope, query: ListCustomersQuery): Promise<CustomerListPage> {
  assertScopeCan(scope, "customers:read");
  const prisma = await getPrisma();
  const where = customerListWhere(scope, query);
  const total = await prisma.customer.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / CUSTOMERS_PAGE_SIZE));
  const page = Math.min(query.page ?? 1, pageCount);
  const customers = await prisma.customer.findMany({
    where,
    orderBy: customerOrder(query.sort, query.dir),
    skip: (page - 1) * CUSTOMERS_PAGE_SIZE,
    take: CUSTOMERS_PAGE_SIZE,
    select: ROW_SELECT,
  });
  return {
    rows: customers.map(({ _count, ...customer }) => ({ ...customer, subscriptionCount: _count.subscriptions })),
    total,
    page,
    pageCount,
  };
}
