import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/auth-options";

type Context = { params: Promise<{ nextauth: string[] }> };
type Handler = (request: NextRequest, context: Context) => Promise<Response>;

const handler: Handler = NextAuth(authOptions);

function badRequest(message: string): Response {
  return Response.json({ error: "BadRequest", message }, { status: 400 });
}

/**
 * next-auth reads a JSON body with request.json() and lets a parse error (or a body that isn't an
 * object) escape as a 500; the portal's own client posts form data, so anything else is answered
 * here as a 400 before next-auth sees it.
 */
async function POST(request: NextRequest, context: Context): Promise<Response> {
  const contentType = request.headers.get("content-type") ?? "";
  if (contentType.includes("application/json")) {
    let body: unknown;
    try {
      body = await request.clone().json();
    } catch {
      return badRequest("The request body is not valid JSON.");
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) return badRequest("The request body must be a JSON object.");
  }
  return handler(request, context);
}

export { handler as GET, POST };
