// POST /api/alerts/deliver-due: sends the alert webhook deliveries that are due (docs/alerts.md).
// Called by the portal's own schedule (instrumentation.ts) with its alert delivery token; an
// external scheduler may call it with the same token. Several processes may call it at once: one
// of them runs the round (runExclusiveJob), the others answer { ran: false }; each delivery is also
// claimed by a conditional update before it is sent.
import { isAlertDeliveryToken } from "@/lib/alerts/alert-delivery-token";
import { unsafeDeliverAlertWebhooks } from "@/lib/alerts/unsafe-deliver-alert-webhooks";
import { bearerToken } from "@/lib/api-tokens/resolve-api-token-scope";
import { getDatabase } from "@/lib/db";
import { runExclusiveJob } from "@/lib/jobs/run-exclusive-job";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  if (!isAlertDeliveryToken(bearerToken(request.headers.get("authorization")))) {
    return Response.json(
      { ok: false, error: { code: "Unauthenticated", message: "The alert webhook trigger needs the portal's alert delivery token." } },
      { status: 401 },
    );
  }
  const round = await runExclusiveJob(await getDatabase(), "alert-webhooks", () => unsafeDeliverAlertWebhooks());
  return Response.json({ ok: true, ran: round.ran, ...(round.ran ? round.result : { delivered: 0, failed: 0 }) });
}
