// POST /api/alerts/run-due: the alerts' periodic work — the day's evaluation of every partner's
// alerts (once per UTC day, whichever process claims it) and the webhook deliveries that are due.
// Called by the portal's own schedule (instrumentation.ts) with its alerts trigger token; an
// external scheduler may call it with the same token.
import { isAlertsTriggerToken } from "@/lib/alerts/alerts-trigger-token";
import { unsafeRunDailyAlertEvaluation } from "@/lib/alerts/unsafe-run-daily-alert-evaluation";
import { bearerToken } from "@/lib/api-tokens/resolve-api-token-scope";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  if (!isAlertsTriggerToken(bearerToken(request.headers.get("authorization")))) {
    return Response.json(
      { ok: false, error: { code: "Unauthenticated", message: "The alerts trigger needs the portal's alerts trigger token." } },
      { status: 401 },
    );
  }
  return Response.json({ ok: true, ...(await unsafeRunDailyAlertEvaluation()) });
}
