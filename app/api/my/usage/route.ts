// GET /api/my/usage?period=YYYY-MM[&grain=daily]: a customer reader's usage at its partner's prices, as CSV
// (session only; anyone but a customer reader gets 404).
import { requireCustomerActionScope } from "@/lib/auth/get-scope";
import { portalUsageCsvResponse } from "@/lib/customer-portal/portal-usage-csv-response";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return portalUsageCsvResponse(request, requireCustomerActionScope);
}
