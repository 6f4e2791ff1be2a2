// GET /api/reconciliation/<YYYY-MM>/lines?class=&customer=&stamp=&differences=1&page=: the current
// import's classified lines, largest stake first, 50 a page (JSON). API token or session, "billing:read".
import { requireActionScope } from "@/lib/auth/get-scope";
import { apiErrorResponse } from "@/lib/http/api-error-response";
import { listReconciliationLines } from "@/lib/reconciliation/list-reconciliation-lines";
import { parseReconciliationLineFilter } from "@/lib/reconciliation/reconciliation-line-filter";
import { resolveRequestScope } from "@/lib/api-tokens/resolve-request-scope";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ period: string }> }): Promise<Response> {
  try {
    const scope = await resolveRequestScope(request, () => requireActionScope("billing:read"));
    const { period } = await params;
    const filter = parseReconciliationLineFilter(new URL(request.url).searchParams);
    return Response.json({ ok: true, data: await listReconciliationLines(scope, period, filter) }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return apiErrorResponse(error);
  }
}
