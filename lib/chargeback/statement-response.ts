import "server-only";
// GET /api/statements/<customerId>?period=YYYY-MM plumbing, kept out of the route so tests call it.
import type { PartnerScope } from "../auth/partner-scope";
import { apiErrorResponse } from "@/lib/http/api-error-response";
import { getCustomerStatement } from "./get-customer-statement";
import { statementCsv, statementFileName, statementQuerySchema } from "./statement-csv";

export async function statementCsvResponse(request: Request, customerId: string, scopeOf: () => Promise<PartnerScope>): Promise<Response> {
  try {
    const scope = await scopeOf();
    const { period } = statementQuerySchema.parse({ period: new URL(request.url).searchParams.get("period") ?? "" });
    const statement = await getCustomerStatement(scope, customerId, period);
    return new Response(statementCsv(statement), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${statementFileName(statement.customer.companyName, period)}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return apiErrorResponse(error);
  }
}
