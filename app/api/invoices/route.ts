// GET /api/invoices?period=YYYY-MM[&customerId=…]: the invoices the caller sees (API token or session
// with "statements:read"; Microsoft cost only for the billing partner that issued them).
import { requireActionScope } from "@/lib/auth/get-scope";
import { invoiceApiResponse } from "@/lib/invoices/invoice-api-response";
import { parseInvoiceListQuery } from "@/lib/invoices/invoice-list-query";
import { listInvoices } from "@/lib/invoices/list-invoices";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return invoiceApiResponse(
    request,
    () => requireActionScope("statements:read"),
    async (scope) => {
      const query = parseInvoiceListQuery(new URL(request.url).searchParams);
      return Response.json({ ok: true, invoices: await listInvoices(scope, query) }, { headers: { "Cache-Control": "no-store" } });
    },
  );
}
