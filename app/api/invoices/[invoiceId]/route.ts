// GET /api/invoices/<id>: one invoice with its lines (API token or session with "statements:read").
import { requireActionScope } from "@/lib/auth/get-scope";
import { invoiceApiResponse } from "@/lib/invoices/invoice-api-response";
import { getInvoice } from "@/lib/invoices/get-invoice";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ invoiceId: string }> }): Promise<Response> {
  const { invoiceId } = await params;
  return invoiceApiResponse(
    request,
    () => requireActionScope("statements:read"),
    async (scope) => Response.json({ ok: true, invoice: await getInvoice(scope, invoiceId) }, { headers: { "Cache-Control": "no-store" } }),
  );
}
