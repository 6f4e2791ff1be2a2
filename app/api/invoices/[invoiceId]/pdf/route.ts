// GET /api/invoices/<id>/pdf: the invoice's PDF as frozen at the close (API token or session with
// "statements:read").
import { requireActionScope } from "@/lib/auth/get-scope";
import { invoiceApiResponse } from "@/lib/invoices/invoice-api-response";
import { getInvoicePdf } from "@/lib/invoices/get-invoice-pdf";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ invoiceId: string }> }): Promise<Response> {
  const { invoiceId } = await params;
  return invoiceApiResponse(
    request,
    () => requireActionScope("statements:read"),
    async (scope) => {
      const { bytes, fileName } = await getInvoicePdf(scope, invoiceId);
      return new Response(new Uint8Array(bytes), {
        headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${fileName}"`, "Cache-Control": "no-store" },
      });
    },
  );
}
