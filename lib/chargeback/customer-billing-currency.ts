import "server-only";
// The currency a customer is billed in: that of the price list market of the partner Microsoft
// bills (the customer's own partner, or a reseller's distributor), as rating prices it (see
// lib/usage/rate-usage.ts: the home market's list, else the US list). Budgets use it.
import type { Prisma } from "../../generated/prisma/client";
import { getPrisma } from "../db";

type Client = Prisma.TransactionClient | Awaited<ReturnType<typeof getPrisma>>;

/** When no published price list covers the market (a fresh platform), the US list's currency. */
export const FALLBACK_BILLING_CURRENCY = "USD";

/** Unscoped: the caller has already found the customer within its scope. */
export async function unsafeCustomerBillingCurrency(client: Client, customerId: string): Promise<string> {
  const customer = await client.customer.findUnique({
    where: { id: customerId },
    select: { partner: { select: { kind: true, country: true, parent: { select: { country: true } } } } },
  });
  if (!customer) return FALLBACK_BILLING_CURRENCY;
  const { partner } = customer;
  const market = partner.kind === "INDIRECT_RESELLER" && partner.parent ? partner.parent.country : partner.country;
  return marketCurrency(client, market);
}

/**
 * The currency the scope's partner is billed in (a reseller: its distributor's), for amounts that
 * have no lines to name one (an empty month still says "USD 0.00"). Operators: the fallback.
 */
export async function scopeBillingCurrency(client: Client, scope: { partnerId: string | null }): Promise<string> {
  if (!scope.partnerId) return FALLBACK_BILLING_CURRENCY;
  const partner = await client.partner.findUnique({ where: { id: scope.partnerId }, select: { kind: true, parentId: true } });
  const billingPartnerId = partner?.kind === "INDIRECT_RESELLER" && partner.parentId ? partner.parentId : scope.partnerId;
  return unsafePartnerBillingCurrency(client, billingPartnerId);
}

/** The currency a billing partner (direct CSP or distributor) bills in: its market's list's. Unscoped: the caller resolved the partner. */
export async function unsafePartnerBillingCurrency(client: Client, partnerId: string): Promise<string> {
  const partner = await client.partner.findUnique({ where: { id: partnerId }, select: { country: true } });
  return partner ? marketCurrency(client, partner.country) : FALLBACK_BILLING_CURRENCY;
}

async function marketCurrency(client: Client, market: string): Promise<string> {
  const rows = await client.priceListVersionMarket.findMany({
    where: { market: { in: [market, "US"] }, version: { status: "PUBLISHED" } },
    orderBy: { version: { effectiveFrom: "desc" } },
    select: { market: true, currency: true },
  });
  return (rows.find((row) => row.market === market) ?? rows[0])?.currency ?? FALLBACK_BILLING_CURRENCY;
}
