import "server-only";
// Request plumbing for GET /api/billing/recon: who is asking (API token or session), and the
// Response (streamed CSV, or a JSON error). Kept out of the route file so tests can call it.
import { resolveRequestScope } from "../api-tokens/resolve-request-scope";
import { getDatabase } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { apiErrorResponse } from "@/lib/http/api-error-response";
import { parseReconSearchParams, resolveReconQuery } from "./recon-source";
import { chooseReconWriter } from "./choose-recon-writer";
import { reconFileName } from "./recon-file-name";
import { csvDownloadStream } from "../http/csv-download-stream";

/**
 * A request carrying an Authorization header is an API call: the token alone decides (a bad token
 * is 401, never a silent fall back to a browser session). Otherwise the session scope is used.
 */
export async function reconResponse(request: Request, sessionScope: () => Promise<PartnerScope>): Promise<Response> {
  try {
    const scope = await resolveRequestScope(request, sessionScope);
    assertScopeCan(scope, "billing:export");
    const filter = parseReconSearchParams(new URL(request.url).searchParams);
    const { sql } = await getDatabase();
    const query = await resolveReconQuery(sql, scope, filter);
    const format = filter.format ?? "modern";
    return new Response(csvDownloadStream(chooseReconWriter(sql).write(query, format), "recon"), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${reconFileName(scope.partnerName, query, format)}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return apiErrorResponse(error);
  }
}
