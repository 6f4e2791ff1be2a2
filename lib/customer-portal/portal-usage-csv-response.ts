import "server-only";
// GET /api/my/usage?period=YYYY-MM[&grain=monthly|daily]: the customer's usage of a month at the
// partner's prices, as CSV. monthly (the default): the statement's lines (meter, quantity, the
// customer's unit price, amount); daily: one row per usage day, meter and unit price. Never
// Microsoft's cost or the margin, whoever the customer's partner is. Kept out of the route so tests call it.
import { z } from "zod";
import type { PartnerScope } from "../auth/partner-scope";
import { notFound } from "../errors";
import { apiErrorResponse } from "../http/api-error-response";
import { getCustomerStatement } from "../chargeback/get-customer-statement";
import { statementCsv, statementQuerySchema } from "../chargeback/statement-csv";
import { fileNameSlug } from "../files/download-file-name";
import { getPortalDailyUsage } from "./get-portal-daily-usage";
import { portalDailyUsageCsv } from "./portal-daily-usage-csv";

const usageQuerySchema = statementQuerySchema.extend({
  grain: z.enum(["monthly", "daily"], { error: "grain is monthly or daily." }).default("monthly"),
});

export async function portalUsageCsvResponse(request: Request, scopeOf: () => Promise<PartnerScope>): Promise<Response> {
  try {
    const scope = await scopeOf();
    if (scope.customerId === null) throw notFound("The page");
    const search = new URL(request.url).searchParams;
    const { period, grain } = usageQuerySchema.parse({ period: search.get("period") ?? "", grain: search.get("grain") ?? undefined });
    let csv: string;
    let companyName: string;
    if (grain === "daily") {
      const usage = await getPortalDailyUsage(scope, period);
      csv = portalDailyUsageCsv(usage);
      companyName = usage.customer.companyName;
    } else {
      const statement = await getCustomerStatement(scope, scope.customerId, period, { audience: "customer" });
      csv = statementCsv(statement);
      companyName = statement.customer.companyName;
    }
    const fileName = `usage${grain === "daily" ? "_daily" : ""}_${fileNameSlug(companyName, "customer", 60)}_${period}.csv`;
    return new Response(csv, {
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
