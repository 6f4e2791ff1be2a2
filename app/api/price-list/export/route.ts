// GET /api/price-list/export?<the price list page's query>: the filtered view (all pages) as CSV
// in Partner Center's columns, streamed. Partner billing roles and operators.
import { requireActionScope } from "@/lib/auth/get-scope";
import { exportPriceListCsv } from "@/lib/pricing/export-price-list";
import { parsePriceListSearchParams, resolvePriceListQuery } from "@/lib/pricing/price-list-query";
import { apiErrorResponse } from "@/lib/http/api-error-response";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  try {
    const scope = await requireActionScope("prices:read");
    const query = resolvePriceListQuery(parsePriceListSearchParams(new URL(request.url).searchParams));
    const chunks = await exportPriceListCsv(scope, query);
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
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
