import "server-only";
// A billing partner's billing history: every closed period (Microsoft's cost = its frozen recon
// file's total, revenue = Σ its invoices' pre-tax subtotals, margin, invoice count, sent count, who
// closed it) and the ended periods still open since, with when each closes on its own.
import Decimal from "decimal.js";
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { requireBillingPartner } from "../chargeback/billing-partner-scope";
import { unsafePartnerBillingCurrency } from "../chargeback/customer-billing-currency";
import { currentPeriod } from "../billing/billing-period";
import { usageDayCloseHours } from "../usage/ingest/domain/gateway/usage-days";
import { DEFAULT_CLOSE_GRACE_DAYS, periodCloseDueAt } from "./period-close-due-at";

export interface BillingHistoryRow {
  period: string;
  status: "closed" | "open";
  closedAt: string | null;
  closedBy: "automatic" | "admin" | null;
  /** Open periods: when the automatic close is due. */
  closesAt: string | null;
  microsoftCost: string | null;
  revenue: string | null;
  margin: string | null;
  invoiceCount: number;
  sentCount: number;
}

/** How many ended-but-open periods the page offers to close (older ones close in order first). */
const OPEN_PERIODS_SHOWN = 3;

const shift = (period: string, months: number) =>
  new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)) - 1 + months, 1)).toISOString().slice(0, 7);

export async function listBillingHistory(scope: PartnerScope, now: Date = new Date()): Promise<{ currency: string; graceDays: number; rows: BillingHistoryRow[] }> {
  const partnerId = requireBillingPartner(scope);
  const prisma = await getPrisma();
  const [closes, sent, settings, currency] = await Promise.all([
    prisma.billingPeriodClose.findMany({
      where: { partnerId },
      orderBy: { period: "desc" },
      select: { period: true, closedAt: true, closedByUserId: true, microsoftCost: true, revenue: true, invoiceCount: true },
    }),
    prisma.invoice.groupBy({ by: ["period"], where: { partnerId, deliveryStatus: "SENT" }, _count: { _all: true } }),
    prisma.partnerBillingSettings.findUnique({ where: { partnerId }, select: { closeGraceDays: true } }),
    unsafePartnerBillingCurrency(prisma, partnerId),
  ]);
  const graceDays = settings?.closeGraceDays ?? DEFAULT_CLOSE_GRACE_DAYS;
  const sentByPeriod = new Map(sent.map((row) => [row.period, row._count._all]));
  const rows: BillingHistoryRow[] = [];
  const lastEnded = shift(currentPeriod(now), -1);
  const latestClosed = closes[0]?.period ?? null;
  for (let period = lastEnded, shown = 0; shown < OPEN_PERIODS_SHOWN && (!latestClosed || period > latestClosed); period = shift(period, -1), shown += 1) {
    rows.push({
      period,
      status: "open",
      closedAt: null,
      closedBy: null,
      closesAt: periodCloseDueAt(period, usageDayCloseHours(process.env), graceDays).toISOString(),
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
      microsoftCost: close.microsoftCost.toFixed(2),
      revenue: close.revenue.toFixed(2),
      margin: new Decimal(close.revenue.toString()).minus(close.microsoftCost.toString()).toFixed(2),
      invoiceCount: close.invoiceCount,
      sentCount: sentByPeriod.get(close.period) ?? 0,
    });
  }
  return { currency, graceDays, rows };
}
