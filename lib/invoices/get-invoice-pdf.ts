import "server-only";
// The invoice's PDF exactly as the close stored it (same bytes at every download).
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { notFound } from "../errors";
import { invoiceScopeFilter } from "./invoice-scope-filter";

export async function getInvoicePdf(scope: PartnerScope, invoiceId: string): Promise<{ bytes: Uint8Array; fileName: string }> {
  const prisma = await getPrisma();
  const invoice = await prisma.invoice.findFirst({ where: { AND: [{ id: invoiceId }, invoiceScopeFilter(scope)] }, select: { number: true, pdf: true } });
  if (!invoice) throw notFound("The invoice");
  return { bytes: invoice.pdf, fileName: `invoice-${invoice.number.replace(/[^A-Za-z0-9._-]/g, "_")}.pdf` };
}
