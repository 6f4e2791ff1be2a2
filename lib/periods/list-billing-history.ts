import "server-only";
// A billing partner's billing history: every closed period (Microsoft's cost = its frozen recon
// file's total, revenue = Σ its invoices' pre-tax subtotals, margin, invoice count, sent count, who
// closed it) and the ended periods still open since, with when each closes on its own.
import Decimal from "decimal.js";
import type { PartnerScope } from "../auth/partner-scope";
import { requireBillingPartner } from "../chargeback/billing-partner-scope";
import { unsafePartnerBillingCurrency } from "../chargeback/customer-billing-currency";
import { currentPeriod } from "../billing/billing-period";
import { usageDayCloseHours } from "../usage/ingest/domain/gateway/usage-days";
import { DEFAULT_CLOSE_GRACE_DAYS, periodCloseDueAt } from "./period-close-due-at";
import { shiftPeriod as shift, unsafeFirstOpenPeriod } from "./unsafe-first-open-period";
import { getDatabase } from "../db";

export interface BillingHistoryRow {
  period: string;
  status: "closed" | "open";
  closedAt: string | null;
  closedBy: "automatic" | "admin" | null;
  /** Open periods: when the automatic close is due. */
  closesAt: string | null;
  /** The earliest open period: the only one that can close now (periods close in order). */
  closable: boolean;
  microsoftCost: string | null;
  revenue: string | null;
  margin: string | null;
  invoiceCount: number;
  sentCount: number;
}

/** At most this many ended-but-open periods are listed (the automatic close catches up as far). */
const OPEN_PERIODS_SHOWN = 12;

export async function listBillingHistory(
  scope: PartnerScope,
  now: Date = new Date(),
): Promise<{ currency: string; graceDays: number; rows: BillingHistoryRow[] }> {
  const partnerId = requireBillingPartner(scope);
  const database = await getDatabase();
  const { prisma } = database;
  const [closes, sent, settings, currency, firstOpen] = await Promise.all([
    prisma.billingPeriodClose.findMany({
      where: { partnerId },
      orderBy: { period: "desc" },
      select: { period: true, closedAt: true, closedByUserId: true, microsoftCost: true, revenue: true, invoiceCount: true },
    }),
    prisma.invoice.groupBy({ by: ["period"], where: { partnerId, deliveryStatus: "SENT" }, _count: { _all: true } }),
    prisma.partnerBillingSettings.findUnique({ where: { partnerId }, select: { closeGraceDays: true } }),
    unsafePartnerBillingCurrency(prisma, partnerId),
    unsafeFirstOpenPeriod(database, partnerId),
  ]);
  const graceDays = settings?.closeGraceDays ?? DEFAULT_CLOSE_GRACE_DAYS;
  const sentByPeriod = new Map(sent.map((row) => [row.period, row._count._all]));
  const rows: BillingHistoryRow[] = [];
  const lastEnded = shift(currentPeriod(now), -1);
  for (let period = lastEnded, shown = 0; firstOpen && period >= firstOpen && shown < OPEN_PERIODS_SHOWN; period = shift(period, -1), shown += 1) {
    rows.push({
      period,
      status: "open",
      closedAt: null,
      closedBy: null,
      closesAt: periodCloseDueAt(period, usageDayCloseHours(process.env), graceDays).toISOString(),
      closable: period === firstOpen,
      microsoftCost: null,
      revenue: null,
      margin: null,
      invoiceCount: 0,
      sentCount: 0,
    });
  }
  for (const close of closes) {
    rows.push({
      period: close.period,
      status: "closed",
      closedAt: close.closedAt.toISOString(),
      closedBy: close.closedByUserId ? "admin" : "automatic",
      closesAt: null,
      closable: false,
      microsoftCost: close.microsoftCost.toFixed(2),
      revenue: close.revenue.toFixed(2),
      margin: new Decimal(close.revenue.toString()).minus(close.microsoftCost.toString()).toFixed(2),
      invoiceCount: close.invoiceCount,
      sentCount: sentByPeriod.get(close.period) ?? 0,
    });
  }
  return { currency, graceDays, rows };
}
