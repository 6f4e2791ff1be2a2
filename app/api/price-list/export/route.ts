// GET /api/price-list/export?<the price list page's query>[&columns=portal]: the filtered view (all
// pages) as CSV in Partner Center's price sheet columns and dates, streamed; columns=portal adds
// the portal's MeterRegion, MeterName, MeterCategory and MeterSubCategory. Partner billing roles and operators.
import { requireActionScope } from "@/lib/auth/get-scope";
import { exportPriceListCsv } from "@/lib/pricing/export-price-list";
import { parsePriceListSearchParams, resolvePriceListQuery } from "@/lib/pricing/price-list-query";
import { apiErrorResponse } from "@/lib/http/api-error-response";
import { csvDownloadStream } from "@/lib/http/csv-download-stream";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  try {
    const scope = await requireActionScope("prices:read");
    const searchParams = new URL(request.url).searchParams;
    const query = resolvePriceListQuery(parsePriceListSearchParams(searchParams));
    const columns = searchParams.get("columns") === "portal" ? "portal" : "price-sheet";
    const body = csvDownloadStream(await exportPriceListCsv(scope, query, columns), "price list");
    const slug = (query.region ?? "all-regions").toLowerCase().replace(/[^a-z0-9]+/g, "-");
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="price-list-${slug}-${query.date}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return apiErrorResponse(error);
  }
}
