import "server-only";
// Closes one billing partner's period: freezes its recon file and issues every customer's invoice,
// numbered gaplessly per partner and year. Crash-safe and idempotent by construction: the plan is
// read first, then ONE transaction takes a lock on (partner, period), returns the existing close if
// another process got there first, allocates the numbers from the counter row, stores the close,
// the invoices (with their PDF bytes), their lines and the audit events. A crash anywhere leaves
// nothing behind, and the next run (the schedule or the admin) redoes it; the unique (partner,
// period) is the backstop. The lock is a transaction advisory lock, which PGlite has too.
import { createHash } from "node:crypto";
import type { Database } from "../database/open-database";
import { Prisma } from "../../generated/prisma/client";
import { recordAuditEvent } from "../audit/record-audit-event";
import { formatInvoiceNumber } from "../invoices/format-invoice-number";
import { renderInvoicePdf } from "../invoices/render-invoice-pdf";
import { unsafePlanPeriodClose } from "./unsafe-plan-period-close";

/** Points between the steps of the close's transaction where the crash test harness stops it. */
export type CloseStep = "locked" | "numbered" | "invoices" | "lines";

export interface ClosePeriodOptions {
  now?: Date;
  /** Test harness: called after each step inside the transaction; throwing simulates a crash there. */
  afterStep?: (step: CloseStep) => void;
  /** Test harness: runs after the PDFs are drawn, before the transaction (another close may commit there). */
  beforeTransaction?: () => Promise<unknown>;
}

export interface ClosePeriodResult {
  closeId: string;
  created: boolean;
  invoiceCount: number;
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const day = (date: Date) => date.toISOString().slice(0, 10);

export async function unsafeClosePeriod(
  database: Pick<Database, "prisma" | "sql">,
  partnerId: string,
  period: string,
  actor: { userId: string } | null,
  options: ClosePeriodOptions = {},
): Promise<ClosePeriodResult> {
  const { prisma } = database;
  const existing = await prisma.billingPeriodClose.findUnique({ where: { partnerId_period: { partnerId, period } }, select: { id: true, invoiceCount: true } });
  if (existing) return { closeId: existing.id, created: false, invoiceCount: existing.invoiceCount };
  const plan = await unsafePlanPeriodClose(database, partnerId, period, actor?.userId ?? null);
  const now = options.now ?? new Date();
  const issueDate = new Date(`${day(now)}T00:00:00Z`);
  const year = issueDate.getUTCFullYear();

  // PDFs are drawn before the transaction (the slow part of a close: ~20 ms each), so the lock and,
  // on PGlite, its one connection are held only for the writes.
  const renderPdfs = async (first: number) => {
    const pdfs: { number: string; pdf: Uint8Array; dueDate: Date }[] = [];
    for (const [index, planned] of plan.invoices.entries()) {
      const number = formatInvoiceNumber(plan.numberFormat, year, first + index);
      const dueDate = new Date(issueDate.getTime() + planned.paymentTermsDays * 86_400_000);
      const { invoice } = planned;
      const pdf = await renderInvoicePdf({
        number,
        period,
        issueDate: day(issueDate),
        dueDate: day(dueDate),
        currency: planned.currency,
        billFrom: plan.billFrom,
        billTo: planned.billTo,
        logo: plan.logo,
        lines: invoice.lines,
        subtotal: invoice.subtotal,
        taxRatePercent: invoice.taxRatePercent,
        taxAmount: invoice.taxAmount,
        total: invoice.total,
        reverseCharge: planned.reverseCharge,
        issuedAt: now,
      });
      pdfs.push({ number, pdf, dueDate });
    }
    return pdfs;
  };
  const counterBefore = await prisma.invoiceCounter.findUnique({ where: { partnerId_year: { partnerId, year } }, select: { lastNumber: true } });
  const predictedFirst = (counterBefore?.lastNumber ?? 0) + 1;
  let rendered = await renderPdfs(predictedFirst);
  await options.beforeTransaction?.();

  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`period-close:${partnerId}:${period}`}, 0))::text AS "locked"`;
      const raced = await tx.billingPeriodClose.findUnique({ where: { partnerId_period: { partnerId, period } }, select: { id: true, invoiceCount: true } });
      if (raced) return { closeId: raced.id, created: false, invoiceCount: raced.invoiceCount };
      options.afterStep?.("locked");

      const count = plan.invoices.length;
      const counter = await tx.invoiceCounter.upsert({
        where: { partnerId_year: { partnerId, year } },
        create: { partnerId, year, lastNumber: count },
        update: { lastNumber: { increment: count } },
        select: { lastNumber: true },
      });
      const first = counter.lastNumber - count + 1;
      options.afterStep?.("numbered");

      const close = await tx.billingPeriodClose.create({
        data: {
          partnerId,
          period,
          closedAt: now,
          closedByUserId: actor?.userId ?? null,
          reconCsvGzip: new Uint8Array(plan.recon.gzip),
          reconSha256: plan.recon.sha256,
          reconBytes: BigInt(plan.recon.bytes),
          microsoftCost: new Prisma.Decimal(plan.microsoftCost.toFixed(2)),
          revenue: new Prisma.Decimal(plan.revenue.toFixed(2)),
          invoiceCount: count,
        },
        select: { id: true },
      });
      // The PDFs were drawn with the numbers the counter promised before the lock; another close of
      // this partner committed meanwhile only if the counter moved: then they are drawn again here.
      if (first !== predictedFirst) rendered = await renderPdfs(first);
      const rows: Prisma.InvoiceCreateManyInput[] = [];
      const numbers: string[] = [];
      for (const [index, planned] of plan.invoices.entries()) {
        const sequence = first + index;
        const { number, pdf, dueDate } = rendered[index];
        numbers.push(number);
        const { invoice } = planned;
        rows.push({
          partnerId,
          customerId: planned.customerId,
          closeId: close.id,
          period,
          number,
          year,
          sequence,
          issueDate,
          dueDate,
          currency: planned.currency,
          subtotal: invoice.subtotal.toFixed(2),
          taxRatePercent: invoice.taxRatePercent.toFixed(),
          taxAmount: invoice.taxAmount.toFixed(2),
          total: invoice.total.toFixed(2),
          reverseCharge: planned.reverseCharge,
          microsoftCost: invoice.microsoftCost.toFixed(2),
          billFrom: { ...plan.billFrom },
          billTo: { ...planned.billTo },
          billingEmails: planned.billingEmails,
          pdf: new Uint8Array(pdf),
          pdfSha256: sha256(pdf),
        });
      }
      await tx.invoice.createMany({ data: rows });
      options.afterStep?.("invoices");

      const created = await tx.invoice.findMany({ where: { closeId: close.id }, select: { id: true, customerId: true } });
      const idByCustomer = new Map(created.map((invoice) => [invoice.customerId, invoice.id]));
      const lines: Prisma.InvoiceLineCreateManyInput[] = plan.invoices.flatMap((planned) =>
        planned.invoice.lines.map((line, position) => ({
          invoiceId: idByCustomer.get(planned.customerId) as string,
          position,
          kind: line.kind,
          description: line.description,
          lineKey: line.lineKey,
          meterId: line.meterId,
          unit: line.unit,
          quantity: line.quantity?.toFixed() ?? null,
          unitPrice: line.unitPrice?.toFixed() ?? null,
          amount: line.amount.toFixed(2),
          microsoftCost: line.microsoftCost.toFixed(2),
          firstDay: line.firstDay,
          lastDay: line.lastDay,
          refPeriod: line.refPeriod,
          refLineId: line.refLineId,
          creditId: line.creditId,
        })),
      );
      await tx.invoiceLine.createMany({ data: lines });
      options.afterStep?.("lines");

      const adjustments = plan.invoices.flatMap((planned) =>
        planned.invoice.lines.filter((line) => line.kind === "ADJUSTMENT").map((line) => ({ customerId: planned.customerId, line })),
      );
      await recordAuditEvent(tx, actor, {
        action: actor ? "period.close" : "period.autoClose",
        targetType: "BillingPeriodClose",
        targetId: close.id,
        partnerId,
        after: {
          period,
          invoices: count,
          firstNumber: numbers[0] ?? null,
          lastNumber: numbers.at(-1) ?? null,
          reconSha256: plan.recon.sha256,
          adjustments: adjustments.length,
          creditLines: plan.invoices.reduce((n, planned) => n + planned.invoice.lines.filter((line) => line.creditId).length, 0),
        },
      });
      for (const { customerId, line } of adjustments) {
        await recordAuditEvent(tx, actor, {
          action: "invoice.adjustment",
          targetType: "Invoice",
          targetId: idByCustomer.get(customerId) as string,
          partnerId,
          after: {
            refPeriod: line.refPeriod,
            refLineId: line.refLineId,
            description: line.description,
            quantity: line.quantity?.toFixed() ?? null,
            amount: line.amount.toFixed(2),
          },
        });
      }
      return { closeId: close.id, created: true, invoiceCount: count };
    },
    { timeout: 300_000, maxWait: 60_000 },
  );
}
