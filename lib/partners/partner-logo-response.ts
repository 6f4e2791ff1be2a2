import "server-only";
// GET /api/partner-logo: the signed-in user's own partner's logo (a partner user's partner, a
// customer reader's customer's partner). It takes no id, so no other partner's logo is reachable;
// no logo is 404. An SVG is served with a CSP that runs no script and loads nothing.
import type { PartnerScope } from "../auth/partner-scope";
import { getPrisma } from "../db";
import { notFound } from "../errors";
import { apiErrorResponse } from "../http/api-error-response";

export async function partnerLogoResponse(scopeOf: () => Promise<PartnerScope>): Promise<Response> {
  try {
    const scope = await scopeOf();
    if (scope.partnerId === null) throw notFound("The logo");
    const prisma = await getPrisma();
    const logo = await prisma.partnerLogo.findUnique({ where: { partnerId: scope.partnerId }, select: { contentType: true, bytes: true, sha256: true } });
    if (!logo) throw notFound("The logo");
    return new Response(new Uint8Array(logo.bytes), {
      headers: {
        "Content-Type": logo.contentType,
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, max-age=86400",
        ETag: `"${logo.sha256}"`,
      },
    });
  } catch (error) {
    return apiErrorResponse(error);
  }
}
