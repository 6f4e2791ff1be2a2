import "server-only";
// The automatic close: for every active billing partner (direct CSP or distributor), closes in order
// each ended period whose close is due (periodCloseDueAt: the last usage day closed plus the
// partner's grace), starting after its latest closed period, or at its first month of rated usage
// (at most MAX_CATCH_UP_PERIODS back). Several portal processes may run it at once: each close
// takes its own lock and a period already closed is skipped (unsafeClosePeriod).
import { getDatabase } from "../db";
import { currentPeriod } from "../billing/billing-period";
import { usageDayCloseHours } from "../usage/ingest/domain/gateway/usage-days";
import { DEFAULT_CLOSE_GRACE_DAYS, periodCloseDueAt } from "./period-close-due-at";
import { unsafeClosePeriod } from "./unsafe-close-period";
import { shiftPeriod as shift, unsafeFirstOpenPeriod } from "./unsafe-first-open-period";

export const MAX_CATCH_UP_PERIODS = 12;

export interface DueCloseOutcome {
  partnerId: string;
  period: string;
  status: "closed" | "failed";
  error?: string;
}

export async function unsafeCloseDuePeriods(now: Date = new Date()): Promise<DueCloseOutcome[]> {
  const database = await getDatabase();
  const closeHours = usageDayCloseHours(process.env);
  const partners = await database.prisma.partner.findMany({
    where: { kind: { in: ["DIRECT_CSP", "INDIRECT_PROVIDER"] }, status: "ACTIVE" },
    select: { id: true, billingSettings: { select: { closeGraceDays: true } } },
  });
  const outcomes: DueCloseOutcome[] = [];
  const lastEnded = shift(currentPeriod(now), -1);
  for (const partner of partners) {
    let period = await unsafeFirstOpenPeriod(database, partner.id);
    if (!period) continue;
    const earliest = shift(lastEnded, 1 - MAX_CATCH_UP_PERIODS);
    if (period < earliest) period = earliest;
    const grace = partner.billingSettings?.closeGraceDays ?? DEFAULT_CLOSE_GRACE_DAYS;
    for (; period <= lastEnded && periodCloseDueAt(period, closeHours, grace) <= now; period = shift(period, 1)) {
      try {
        await unsafeClosePeriod(database, partner.id, period, null, { now });
        outcomes.push({ partnerId: partner.id, period, status: "closed" });
      } catch (error) {
        // The next run retries; later periods wait so they close in order.
        outcomes.push({ partnerId: partner.id, period, status: "failed", error: error instanceof Error ? error.message : String(error) });
        break;
      }
    }
  }
  return outcomes;
}
