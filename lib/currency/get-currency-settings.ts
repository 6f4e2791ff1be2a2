import "server-only";
// What the currency page shows: the billing partner's billing currency and its imported exchange
// rates (newest month first). The billing partner is the caller's own partner, or for a reseller its
// distributor (whose currency and rates its lines are billed at): resellers read them, never change them.
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { roleHasPermission } from "../auth/permissions";
import { isBillingPartnerScope } from "../chargeback/billing-partner-scope";
import { unsafePartnerBillingCurrency } from "../chargeback/customer-billing-currency";

export interface ExchangeRateRow {
  month: string;
  pricingCurrency: string;
  billingCurrency: string;
  rate: string;
  rateDate: string;
  importedAt: Date;
}

export interface CurrencySettings {
  billingPartnerName: string;
  /** The setting; null = each line in its pricing currency. */
  billingCurrency: string | null;
  /** Its market price list's currency: what its lines are priced (and, with no setting, billed) in. */
  marketCurrency: string;
  rates: ExchangeRateRow[];
  canImportRates: boolean;
  canSetBillingCurrency: boolean;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/** Null for operators (no billing partner of their own). */
export async function getCurrencySettings(scope: PartnerScope): Promise<CurrencySettings | null> {
  assertScopeCan(scope, "billing:read");
  if (!scope.partnerId) return null;
  const prisma = await getPrisma();
  const own = await prisma.partner.findUnique({ where: { id: scope.partnerId }, select: { kind: true, parentId: true } });
  const billingPartnerId = own?.kind === "INDIRECT_RESELLER" && own.parentId ? own.parentId : scope.partnerId;
  const partner = await prisma.partner.findUnique({ where: { id: billingPartnerId }, select: { name: true, billingCurrency: true } });
  if (!partner) return null;
  const rows = await prisma.exchangeRate.findMany({
    where: { partnerId: billingPartnerId },
    select: { month: true, pricingCurrency: true, billingCurrency: true, rate: true, rateDate: true, importedAt: true },
    orderBy: [{ month: "desc" }, { pricingCurrency: "asc" }, { billingCurrency: "asc" }],
    take: 500,
  });
  const billingPartner = isBillingPartnerScope(scope);
  return {
    billingPartnerName: partner.name,
    billingCurrency: partner.billingCurrency,
    // Unscoped read of the billing partner resolved above from the caller's own partner.
    marketCurrency: await unsafePartnerBillingCurrency(prisma, billingPartnerId),
    rates: rows.map((row) => ({ ...row, month: day(row.month).slice(0, 7), rate: row.rate.toFixed(), rateDate: day(row.rateDate) })),
    canImportRates: billingPartner && roleHasPermission(scope.role, "exchangeRates:manage"),
    canSetBillingCurrency: billingPartner && roleHasPermission(scope.role, "billingCurrency:manage"),
  };
}
