import "server-only";
// GET /api/my/invoices/<id>/pdf: one of the customer's invoices as the close stored it. The invoice
// scope of a customer reader reaches its own customer's invoices only: any other id is 404.
import type { PartnerScope } from "../auth/partner-scope";
import { apiErrorResponse } from "../http/api-error-response";
import { getInvoicePdf } from "../invoices/get-invoice-pdf";

export async function portalInvoicePdfResponse(invoiceId: string, scopeOf: () => Promise<PartnerScope>): Promise<Response> {
  try {
    const scope = await scopeOf();
    const { bytes, fileName } = await getInvoicePdf(scope, invoiceId);
    return new Response(new Uint8Array(bytes), {
      headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${fileName}"`, "Cache-Control": "no-store" },
    });
  } catch (error) {
    return apiErrorResponse(error);
  }
}
