// GET /api/usage-status: the signed-in caller's registrations with their last ingest time, what the
// usage page polls to stay live (session only; the usage APIs under /api/usage take ingestion keys).
import { requireActionScope } from "@/lib/auth/get-scope";
import { listUsageRegistrations } from "@/lib/usage/list-usage-registrations";
import { apiErrorResponse } from "@/lib/http/api-error-response";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    const scope = await requireActionScope("usage:read");
    const registrations = await listUsageRegistrations(scope);
    return Response.json(
      {
        registrations: registrations.map((r) => ({
          id: r.id,
          stampName: r.stampName,
          billingModel: r.billingModel,
          lastIngestAt: r.lastIngestAt?.toISOString() ?? null,
        })),
      },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (error) {
    return apiErrorResponse(error);
  }
}
