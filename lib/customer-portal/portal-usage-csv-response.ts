import "server-only";
// GET /api/my/usage?period=YYYY-MM: the customer's usage of a month at the partner's prices, as CSV
// (the statement's lines: meter, quantity, the customer's unit price, amount; never Microsoft's cost
// or the margin, whoever the customer's partner is). Kept out of the route so tests call it.
import type { PartnerScope } from "../auth/partner-scope";
import { notFound } from "../errors";
import { apiErrorResponse } from "../http/api-error-response";
import { getCustomerStatement } from "../chargeback/get-customer-statement";
import { statementCsv, statementQuerySchema } from "../chargeback/statement-csv";
import { fileNameSlug } from "../files/download-file-name";

export async function portalUsageCsvResponse(request: Request, scopeOf: () => Promise<PartnerScope>): Promise<Response> {
  try {
    const scope = await scopeOf();
    if (scope.customerId === null) throw notFound("The page");
    const { period } = statementQuerySchema.parse({ period: new URL(request.url).searchParams.get("period") ?? "" });
    const statement = await getCustomerStatement(scope, scope.customerId, period, { audience: "customer" });
    const fileName = `usage_${fileNameSlug(statement.customer.companyName, "customer", 60)}_${period}.csv`;
    return new Response(statementCsv(statement), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${fileName}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return apiErrorResponse(error);
  }
}
