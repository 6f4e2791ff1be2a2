// POST /api/periods/close-due: closes every billing partner's periods that are due (docs/invoices.md).
// Called by the portal's own schedule (instrumentation.ts) with its close trigger token; an external
// scheduler may call it with the same token. Several processes may call it at once: each close locks.
import { isCloseTriggerToken } from "@/lib/periods/close-trigger-token";
import { unsafeCloseDuePeriods } from "@/lib/periods/unsafe-close-due-periods";
import { bearerToken } from "@/lib/api-tokens/resolve-api-token-scope";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  if (!isCloseTriggerToken(bearerToken(request.headers.get("authorization")))) {
    return Response.json(
      { ok: false, error: { code: "Unauthenticated", message: "The close trigger needs the portal's close trigger token." } },
      { status: 401 },
    );
  }
  const outcomes = await unsafeCloseDuePeriods();
  return Response.json({ ok: true, closes: outcomes });
}
