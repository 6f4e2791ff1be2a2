// GET /api/billing/recon?period=YYYY-MM[&customerId&resellerId&registration&from&to]: the partner's
// daily-rated usage recon file for a calendar month, streamed. API token (Bearer) or session with
// "billing:export".
import { requireActionScope } from "@/lib/auth/get-scope";
import { reconResponse } from "@/lib/recon/recon-response";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return reconResponse(request, () => requireActionScope("billing:export"));
}
