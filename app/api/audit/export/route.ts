// GET /api/audit/export?<the audit page's filters>: the filtered audit log (all pages) as CSV,
// streamed; scoped exactly like the page. Admin agents, billing admins and operators.
import { requireActionScope } from "@/lib/auth/get-scope";
import { auditExportResponse } from "@/lib/audit/export-audit-events";
import { apiErrorResponse } from "@/lib/http/api-error-response";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  try {
    const scope = await requireActionScope("audit:read");
    return auditExportResponse(scope, request);
  } catch (error) {
    return apiErrorResponse(error);
  }
}
