import "server-only";
// Everything a close freezes, computed before its transaction: the partner's recon file bytes and,
// per customer it bills, the invoice figures (statement lines at the rate cards' prices, adjustments
// to earlier closed periods, credits and fees, tax). Reads only; the transaction then numbers and
// stores them (unsafe-close-period.ts).
import Decimal from "decimal.js";
import type { Database } from "../database/open-database";
import { Money, sumMoney } from "../chargeback/chargeback-math";
import { unsafeComputeStatements } from "../chargeback/compute-statements";
import { unsafePartnerBillingCurrency } from "../chargeback/customer-billing-currency";
import { resellerIdOf } from "../chargeback/rate-card-subjects";
import { periodRange } from "../billing/billing-period";
import { buildInvoice, type ActiveCredit, type BuiltInvoice } from "../invoices/build-invoice";
import { unsafeComputeAdjustments } from "../invoices/unsafe-compute-adjustments";
import type { InvoiceParty } from "../invoices/render-invoice-pdf";
import { unsafeBillingPartnerScope } from "./unsafe-billing-partner-scope";
import { unsafeFreezeReconFile, type FrozenReconFile } from "./unsafe-freeze-recon-file";
import { resolveReconQuery } from "../recon/recon-source";
import { reconTotals } from "../billing/recon-totals";
import { DEFAULT_CLOSE_GRACE_DAYS } from "./period-close-due-at";

export interface PlannedInvoice {
  customerId: string;
  currency: string;
  invoice: BuiltInvoice;
  reverseCharge: boolean;
  billTo: InvoiceParty;
  billingEmails: string[];
  paymentTermsDays: number;
}

export interface PeriodClosePlan {
  recon: FrozenReconFile;
  billFrom: InvoiceParty;
  logo: { bytes: Uint8Array; mimeType: string } | null;
  numberFormat: string;
  graceDays: number;
  invoices: PlannedInvoice[];
  microsoftCost: Decimal;
  revenue: Decimal;
}

const monthIndex = (period: string) => Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1;

export async function unsafePlanPeriodClose(
  database: Pick<Database, "prisma" | "sql">,
  partnerId: string,
  period: string,
  actorUserId: string | null,
): Promise<PeriodClosePlan> {
  const { prisma } = database;
  const scope = await unsafeBillingPartnerScope(prisma, partnerId, actorUserId);
  const recon = await unsafeFreezeReconFile(database, scope, period);
  // Microsoft's cost = the frozen file's total (Σ FLOORed lines), unregistered tenants included.
  const totals = await reconTotals(database.sql, await resolveReconQuery(database.sql, scope, { period }));
  const [settings, partner, customers, credits] = await Promise.all([
    prisma.partnerBillingSettings.findUnique({
      where: { partnerId },
      select: {
        legalName: true,
        address: true,
        taxId: true,
        logo: true,
        logoMimeType: true,
        invoiceNumberFormat: true,
        closeGraceDays: true,
        defaultPaymentTermsDays: true,
      },
    }),
    prisma.partner.findUniqueOrThrow({ where: { id: partnerId }, select: { name: true, country: true } }),
    prisma.customer.findMany({
      where: { OR: [{ partnerId }, { partner: { parentId: partnerId } }] },
      orderBy: { companyName: "asc" },
      select: {
        id: true,
        companyName: true,
        country: true,
        partner: { select: { id: true, kind: true } },
        billingProfile: {
          select: { legalName: true, address: true, taxId: true, taxRatePercent: true, reverseCharge: true, paymentTermsDays: true, billingEmails: true },
        },
      },
    }),
    prisma.customerCredit.findMany({
      where: { partnerId, revokedAt: null, startPeriod: { lte: period } },
      orderBy: { createdAt: "asc" },
      select: { id: true, customerId: true, kind: true, description: true, amount: true, percent: true, startPeriod: true, months: true },
    }),
  ]);
  const priced = customers.map((customer) => ({ id: customer.id, resellerId: resellerIdOf(customer.partner) }));
  const [statements, adjustments, fallbackCurrency] = await Promise.all([
    unsafeComputeStatements(database, partnerId, priced, periodRange(period)),
    unsafeComputeAdjustments(database, partnerId, priced, period),
    unsafePartnerBillingCurrency(prisma, partnerId),
  ]);
  const oneTimeIds = credits.filter((credit) => credit.kind === "ONE_TIME_CREDIT").map((credit) => credit.id);
  const used = oneTimeIds.length ? await prisma.invoiceLine.groupBy({ by: ["creditId"], where: { creditId: { in: oneTimeIds } }, _sum: { amount: true } }) : [];
  const usedById = new Map(used.map((row) => [row.creditId, new Money(row._sum.amount?.toString() ?? 0).negated()]));
  const active = new Map<string, ActiveCredit[]>();
  for (const credit of credits) {
    if (credit.months !== null && monthIndex(period) - monthIndex(credit.startPeriod) >= credit.months) continue;
    const list = active.get(credit.customerId) ?? [];
    list.push({
      id: credit.id,
      kind: credit.kind,
      description: credit.description,
      amount: credit.amount ? new Money(credit.amount.toString()) : null,
      percent: credit.percent ? new Money(credit.percent.toString()) : null,
      used: usedById.get(credit.id) ?? new Money(0),
    });
    active.set(credit.customerId, list);
  }

  const invoices: PlannedInvoice[] = [];
  for (const customer of customers) {
    const statement = statements.get(customer.id);
    const usage = statement?.lines ?? [];
    const customerAdjustments = adjustments.get(customer.id) ?? [];
    const customerCredits = active.get(customer.id) ?? [];
    const billsSomething = usage.length > 0 || customerAdjustments.length > 0 || customerCredits.some((credit) => credit.kind === "MINIMUM_FEE");
    if (!billsSomething) continue;
    const profile = customer.billingProfile;
    const invoice = buildInvoice({
      usage,
      adjustments: customerAdjustments,
      credits: customerCredits,
      taxRatePercent: profile?.taxRatePercent.toString() ?? 0,
      reverseCharge: profile?.reverseCharge ?? false,
    });
    invoices.push({
      customerId: customer.id,
      currency: statement?.currency || fallbackCurrency,
      invoice,
      reverseCharge: profile?.reverseCharge ?? false,
      billTo: { legalName: profile?.legalName || customer.companyName, address: profile?.address ?? customer.country, taxId: profile?.taxId ?? "" },
      billingEmails: profile?.billingEmails ?? [],
      paymentTermsDays: profile?.paymentTermsDays ?? settings?.defaultPaymentTermsDays ?? 30,
    });
  }
  return {
    recon,
    billFrom: { legalName: settings?.legalName || partner.name, address: settings?.address ?? partner.country, taxId: settings?.taxId ?? "" },
    logo: settings?.logo && settings.logoMimeType ? { bytes: settings.logo, mimeType: settings.logoMimeType } : null,
    numberFormat: settings?.invoiceNumberFormat ?? "INV-{year}-{seq:6}",
    graceDays: settings?.closeGraceDays ?? DEFAULT_CLOSE_GRACE_DAYS,
    invoices,
    microsoftCost: new Money(totals.total.toString()),
    revenue: sumMoney(invoices.map((planned) => planned.invoice.subtotal)),
  };
}
