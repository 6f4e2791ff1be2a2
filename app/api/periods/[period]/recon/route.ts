// GET /api/periods/<YYYY-MM>/recon: a closed period's recon file exactly as frozen at the close (the
// billing partner's API token or session with "billing:export").
import { requireActionScope } from "@/lib/auth/get-scope";
import { assertScopeCan } from "@/lib/auth/partner-scope";
import { invoiceApiResponse } from "@/lib/invoices/invoice-api-response";
import { getFrozenRecon } from "@/lib/periods/get-frozen-recon";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ period: string }> }): Promise<Response> {
  const { period } = await params;
  return invoiceApiResponse(
    request,
    () => requireActionScope("billing:export"),
    async (scope) => {
      assertScopeCan(scope, "billing:export");
      const { body, bytes, fileName, sha256 } = await getFrozenRecon(scope, period);
      return new Response(body, {
        headers: {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Length": String(bytes),
          "Content-Disposition": `attachment; filename="${fileName}"`,
          "Cache-Control": "no-store",
          ETag: `"${sha256}"`,
        },
      });
    },
  );
}
