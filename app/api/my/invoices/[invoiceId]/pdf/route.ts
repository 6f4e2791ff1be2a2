// GET /api/my/invoices/<id>/pdf: one of a customer reader's invoices (session only; another
// customer's invoice, or anyone but a customer reader, gets 404).
import { requireCustomerActionScope } from "@/lib/auth/get-scope";
import { portalInvoicePdfResponse } from "@/lib/customer-portal/portal-invoice-pdf-response";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ invoiceId: string }> }): Promise<Response> {
  const { invoiceId } = await params;
  return portalInvoicePdfResponse(invoiceId, requireCustomerActionScope);
}
