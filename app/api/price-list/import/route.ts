// POST /api/price-list/import?effectiveFrom=YYYY-MM-DD&fileName=…[&market=DE&currency=EUR] with the
// CSV as the raw body (market and currency: of every row of a file without those columns).
// Operators only. The body is parsed as it streams in (no buffering of the file). With
// "Accept: application/x-ndjson" the answer streams progress lines then a result line (see
// lib/pricing/import-protocol.ts); otherwise one JSON body with a meaningful status
// (200, 400, 401, 403, 422). Authenticated by the session cookie, so only from the portal's own
// pages (Origin check: 403 otherwise).
import { z } from "zod";
import { requireActionScope } from "@/lib/auth/get-scope";
import { assertSameOrigin } from "@/lib/security/assert-same-origin";
import { importPriceList } from "@/lib/pricing/import-price-list";
import { parsePriceDate } from "@/lib/pricing/price-dates";
import type { ImportStreamLine } from "@/lib/pricing/import-protocol";
import { apiErrorResponse, toApiError } from "@/lib/http/api-error-response";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({
  effectiveFrom: z
    .string({ error: "effectiveFrom is required (YYYY-MM-DD)." })
    .refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && parsePriceDate(value) === value, "effectiveFrom must be a date like 2026-07-01."),
  fileName: z.string().trim().min(1).max(255).catch("price-list.csv"),
  market: z
    .string()
    .regex(/^[A-Za-z]{2}$/, "market must be a two-letter market code like DE.")
    .transform((value) => value.toUpperCase())
    .optional(),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, "currency must be a three-letter currency code like EUR.")
    .transform((value) => value.toUpperCase())
    .optional(),
});

async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

export async function POST(request: Request): Promise<Response> {
  let scope;
  let params;
  try {
    assertSameOrigin(request);
    scope = await requireActionScope("platform:operate");
    const url = new URL(request.url);
    const param = (name: string) => url.searchParams.get(name) || undefined;
    params = paramsSchema.parse({ effectiveFrom: param("effectiveFrom"), fileName: param("fileName"), market: param("market"), currency: param("currency") });
  } catch (error) {
    return apiErrorResponse(error);
  }
  const body = request.body;
  if (!body) return Response.json({ ok: false, error: { code: "ValidationFailed", message: "Send the CSV file as the request body." } }, { status: 400 });
  const input = { source: chunksOf(body), fileName: params.fileName, effectiveFrom: params.effectiveFrom, market: params.market, currency: params.currency };

  if (!request.headers.get("accept")?.includes("application/x-ndjson")) {
    try {
      return Response.json({ ok: true, data: await importPriceList(scope, input) });
    } catch (error) {
      return apiErrorResponse(error);
    }
  }

  const encoder = new TextEncoder();
  const importer = scope;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: ImportStreamLine) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      try {
        const data = await importPriceList(importer, { ...input, onProgress: ({ phase, rowsRead }) => send({ type: "progress", phase, rowsRead }) });
        send({ type: "result", ok: true, data });
      } catch (error) {
        send({ type: "result", ok: false, error: toApiError(error).error });
      }
      controller.close();
    },
  });
  return new Response(stream, { headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store" } });
}
