import "server-only";
// Every connected stamp whose last pull is older than the interval, collected one after another.
// UNSAFE (unscoped): run by the portal's own schedule for all partners, never from a partner's request.
import { getPrisma } from "../db";
import { unsafeCollectStampUsage, type CollectionOutcome } from "./unsafe-collect-stamp-usage";

export function stampCollectionIntervalMinutes(): number {
  const minutes = Number(process.env.STAMP_COLLECTION_INTERVAL_MINUTES ?? "60");
  return Number.isFinite(minutes) && minutes > 0 ? minutes : 60;
}

export async function unsafeCollectDueStamps(now = new Date()): Promise<{ registrationId: string; outcome: CollectionOutcome }[]> {
  const prisma = await getPrisma();
  const dueBefore = new Date(now.getTime() - stampCollectionIntervalMinutes() * 60_000);
  const due = await prisma.stampConnection.findMany({
    where: { OR: [{ lastPullAt: null }, { lastPullAt: { lte: dueBefore } }] },
    select: { registrationId: true },
    orderBy: { lastPullAt: { sort: "asc", nulls: "first" } },
  });
  const results = [];
  for (const { registrationId } of due) results.push({ registrationId, outcome: await unsafeCollectStampUsage(registrationId, { dueBefore }) });
  return results;
}
