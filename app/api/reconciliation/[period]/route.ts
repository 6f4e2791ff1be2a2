// /api/reconciliation/<YYYY-MM>: the billing partner's reconciliation of Microsoft's bill.
// GET: the period's status, imports and totals per class, customer and stamp (JSON; "billing:read").
// POST: Microsoft's recon file as the raw body (CSV, gzip or zip; ?fileName=&tolerance=), streamed
// into an import ("chargeback:manage"): 201 when imported, 200 when this same file already was.
// API token (Bearer) or the session; with the session only from the portal's own pages (Origin).
import { requireActionScope } from "@/lib/auth/get-scope";
import { apiErrorResponse } from "@/lib/http/api-error-response";
import { assertSameOrigin } from "@/lib/security/assert-same-origin";
import { getReconciliationPeriod } from "@/lib/reconciliation/get-reconciliation-period";
import { importReconciliationFile } from "@/lib/reconciliation/import-reconciliation-file";
import { requestBodyChunks } from "@/lib/reconciliation/request-body-chunks";
import { resolveRequestScope } from "@/lib/api-tokens/resolve-request-scope";
import { COMMON_ERROR_CODES, DomainError } from "@/lib/errors";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ period: string }> };

export async function GET(request: Request, { params }: Context): Promise<Response> {
  try {
    const scope = await resolveRequestScope(request, () => requireActionScope("billing:read"));
    const { period } = await params;
    return Response.json({ ok: true, data: await getReconciliationPeriod(scope, period) }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return apiErrorResponse(error);
  }
}

export async function POST(request: Request, { params }: Context): Promise<Response> {
  try {
    if (!request.headers.get("authorization")) assertSameOrigin(request);
    const scope = await resolveRequestScope(request, () => requireActionScope("chargeback:manage"));
    const { period } = await params;
    const url = new URL(request.url);
    if (!request.body)
      throw new DomainError(COMMON_ERROR_CODES.ValidationFailed, "Send Microsoft's recon file as the request body.", { fields: { file: "Choose a file." } });
    const data = await importReconciliationFile(scope, {
      period,
      fileName: url.searchParams.get("fileName") ?? "",
      tolerancePercent: url.searchParams.get("tolerance") ?? undefined,
      source: requestBodyChunks(request.body),
    });
    return Response.json({ ok: true, data }, { status: data.alreadyImported ? 200 : 201 });
  } catch (error) {
    return apiErrorResponse(error);
  }
}
