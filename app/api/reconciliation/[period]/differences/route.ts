// GET /api/reconciliation/<YYYY-MM>/differences?class=&customer=&stamp=: the current import's
// differences (every class but "matched", or the chosen class) as CSV, streamed. API token or
// session, "billing:export".
import { requireActionScope } from "@/lib/auth/get-scope";
import { apiErrorResponse } from "@/lib/http/api-error-response";
import { exportReconciliationDifferences } from "@/lib/reconciliation/export-reconciliation-differences";
import { parseReconciliationLineFilter } from "@/lib/reconciliation/reconciliation-line-filter";
import { resolveRequestScope } from "@/lib/api-tokens/resolve-request-scope";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ period: string }> }): Promise<Response> {
  try {
    const scope = await resolveRequestScope(request, () => requireActionScope("billing:export"));
    const { period } = await params;
    const filter = parseReconciliationLineFilter(new URL(request.url).searchParams);
    const { fileName, body } = await exportReconciliationDifferences(scope, period, filter);
    return new Response(body, {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${fileName}"`, "Cache-Control": "no-store" },
    });
  } catch (error) {
    return apiErrorResponse(error);
  }
}
