// GET /api/price-list/export?<the price list page's query>: the filtered view (all pages) as CSV
// in Partner Center's columns, streamed. Partner billing roles and operators.
import { requireActionScope } from "@/lib/auth/get-scope";
import { exportPriceListCsv } from "@/lib/pricing/export-price-list";
import { parsePriceListSearchParams, resolvePriceListQuery } from "@/lib/pricing/price-list-query";
import { apiErrorResponse } from "@/lib/http/api-error-response";
import { csvDownloadStream } from "@/lib/http/csv-download-stream";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  try {
    const scope = await requireActionScope("prices:read");
    const query = resolvePriceListQuery(parsePriceListSearchParams(new URL(request.url).searchParams));
    const body = csvDownloadStream(await exportPriceListCsv(scope, query), "price list");
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
