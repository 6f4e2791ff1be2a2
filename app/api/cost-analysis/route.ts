// GET /api/cost-analysis?[customerId&]from&to&granularity&groupBy&compare&filter.<group>: the cost
// analysis view's data for the signed-in partner (session), as JSON — or, with format=csv, the
// table of exactly the plotted numbers. The client component fetches it through TanStack Query.
import { requireActionScope } from "@/lib/auth/get-scope";
import { apiErrorResponse } from "@/lib/http/api-error-response";
import { parseCostAnalysisSearch } from "@/lib/cost-analysis/cost-analysis-query";
import { getCostAnalysis } from "@/lib/cost-analysis/get-cost-analysis";
import { getAccumulatedCost } from "@/lib/cost-analysis/get-accumulated-cost";
import { getQuantityAnalysis } from "@/lib/cost-analysis/get-quantity-analysis";
import { costAnalysisCsv } from "@/lib/cost-analysis/cost-analysis-csv";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  try {
    const scope = await requireActionScope("billing:read");
    const params = new URL(request.url).searchParams;
    const query = parseCostAnalysisSearch(params);
    const customerId = params.get("customerId")?.trim() || undefined;
    const target = { customerId };
    const analysis = await getCostAnalysis(scope, target, query);
    if (params.get("format") === "csv") {
      const name = `cost-analysis_${query.from}_${query.to}_${analysis.query.groupBy}.csv`;
      return new Response(costAnalysisCsv(analysis), {
        headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" },
      });
    }
    const [accumulated, quantities] = await Promise.all([
      getAccumulatedCost(scope, target, analysis.query, analysis.currency),
      getQuantityAnalysis(scope, target, analysis.query),
    ]);
    return Response.json({ analysis, accumulated, quantities }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return apiErrorResponse(error);
  }
}
