// POST /api/periods/close-due: closes every billing partner's periods that are due (docs/invoices.md).
// Called by the portal's own schedule (instrumentation.ts) with its close trigger token; an external
// scheduler may call it with the same token. Several processes may call it at once: one of them runs
// the close round (runExclusiveJob), the others answer { ran: false }; each close also locks its period.
import { isCloseTriggerToken } from "@/lib/periods/close-trigger-token";
import { unsafeCloseDuePeriods } from "@/lib/periods/unsafe-close-due-periods";
import { bearerToken } from "@/lib/api-tokens/resolve-api-token-scope";
import { getDatabase } from "@/lib/db";
import { runExclusiveJob } from "@/lib/jobs/run-exclusive-job";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  if (!isCloseTriggerToken(bearerToken(request.headers.get("authorization")))) {
    return Response.json(
      { ok: false, error: { code: "Unauthenticated", message: "The close trigger needs the portal's close trigger token." } },
      { status: 401 },
    );
  }
  const round = await runExclusiveJob(await getDatabase(), "period-close", () => unsafeCloseDuePeriods());
  return Response.json({ ok: true, ran: round.ran, closes: round.ran ? round.result : [] });
}
