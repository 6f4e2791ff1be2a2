import "server-only";
import type { Prisma } from "../../generated/prisma/client";
import { getPrisma } from "../db";
import { assertScopeCan, visiblePartnerFilter, type PartnerScope } from "../auth/partner-scope";
import type { ListCustomersQuery } from "./customer-schemas";

export const CUSTOMERS_PAGE_SIZE = 20;

export interface CustomerListRow {
  id: string;
  companyName: string;
  domain: string;
  tenantId: string;
  country: string;
  partner: { id: string; name: string; kind: string };
  subscriptionCount: number;
}

export interface CustomerListPage {
  rows: CustomerListRow[];
  total: number;
  page: number;
  pageCount: number;
}

/** Customers the scope can see, filtered by text (name, domain, tenant id), country and reseller. */
export async function listCustomers(scope: PartnerScope, query: ListCustomersQuery): Promise<CustomerListPage> {
  assertScopeCan(scope, "customers:read");
  const prisma = await getPrisma();
  const partnerFilter = visiblePartnerFilter(scope);
  // The reseller filter only narrows within what the scope already sees.
  const reseller = query.reseller && (!partnerFilter || partnerFilter.in.includes(query.reseller)) ? query.reseller : undefined;
  const q = query.q?.trim();
  const where: Prisma.CustomerWhereInput = {
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
  const total = await prisma.customer.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / CUSTOMERS_PAGE_SIZE));
  const page = Math.min(query.page ?? 1, pageCount);
  const customers = await prisma.customer.findMany({
    where,
    orderBy: [{ companyName: "asc" }, { id: "asc" }],
    skip: (page - 1) * CUSTOMERS_PAGE_SIZE,
    take: CUSTOMERS_PAGE_SIZE,
    select: {
      id: true,
      companyName: true,
      domain: true,
      tenantId: true,
      country: true,
      partner: { select: { id: true, name: true, kind: true } },
      _count: { select: { subscriptions: true } },
    },
  });
  return {
    rows: customers.map(({ _count, ...customer }) => ({ ...customer, subscriptionCount: _count.subscriptions })),
    total,
    page,
    pageCount,
  };
}
