// POST /api/stamps/collect: collects every connected stamp that is due. Called by the portal's own
// schedule (instrumentation.ts) with its collection token; an external scheduler may call it with
// the same token. Several portal processes may call it at once: one of them runs the round
// (runExclusiveJob), the others answer { ran: false }; each stamp's lease also lets one collect it.
import { isCollectionToken } from "@/lib/stamps/collection-token";
import { unsafeCollectDueStamps } from "@/lib/stamps/unsafe-collect-due-stamps";
import { bearerToken } from "@/lib/api-tokens/resolve-api-token-scope";
import { getDatabase } from "@/lib/db";
import { runExclusiveJob } from "@/lib/jobs/run-exclusive-job";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  if (!isCollectionToken(bearerToken(request.headers.get("authorization")))) {
    return Response.json(
      { ok: false, error: { code: "Unauthenticated", message: "The collection trigger needs the portal's collection token." } },
      { status: 401 },
    );
  }
  const round = await runExclusiveJob(await getDatabase(), "stamp-collection", () => unsafeCollectDueStamps());
  const results = round.ran ? round.result : [];
  return Response.json({ ok: true, ran: round.ran, stamps: results.map(({ registrationId, outcome }) => ({ registrationId, status: outcome.status })) });
}
