// GET /api/customers/export?<the customer list's filters and sort>: the list as CSV, every page,
// scoped exactly like the page.
import { requireActionScope } from "@/lib/auth/get-scope";
import { customerExportResponse } from "@/lib/customers/export-customers-csv";
import { apiErrorResponse } from "@/lib/http/api-error-response";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  try {
    const scope = await requireActionScope("customers:read");
    return await customerExportResponse(scope, request);
  } catch (error) {
    return apiErrorResponse(error);
  }
}
