// GET /api/openapi.json: the API description (public: it describes, it exposes no data).
import { buildOpenApiDocument } from "@/lib/arm/openapi";

// The document is a constant of the build: prerender it once.
export const dynamic = "force-static";

export function GET() {
  return Response.json(buildOpenApiDocument());
}
