// GET /api/partner-logo: the signed-in user's own partner's logo (session only; no logo: 404).
import { requireSignedInScope } from "@/lib/auth/get-scope";
import { partnerLogoResponse } from "@/lib/partners/partner-logo-response";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  return partnerLogoResponse(requireSignedInScope);
}
