import "server-only";
// Alerts as usage arrives: after a batch is stored, the registration's customers are evaluated and
// any new alert's webhooks sent, seconds after the ingest instead of a nightly job. Started after
// the ingest's answer and never awaited by it: an alert problem can't fail or slow an ingest.
// UNSAFE (unscoped): the caller is the ingest, which already knows the registration is the key's.
import { getDatabase } from "../db";
import { unsafeEvaluateAlerts } from "./unsafe-evaluate-alerts";
import { unsafeDeliverAlertWebhooks } from "./unsafe-deliver-alert-webhooks";
import { unsafeEmailAlerts } from "./unsafe-email-alerts";

export async function unsafeRaiseAlertsAfterIngest(registrationId: string, now: Date = new Date()): Promise<string[]> {
  const { sql } = await getDatabase();
  const { rows } = await sql.query<{ customerId: string }>(
    `SELECT DISTINCT s."customerId" AS "customerId" FROM "CustomerSubscriptionRegistration" r
       JOIN "AzureSubscription" s ON s."id" = r."customerSubscriptionId"
      WHERE r."registrationId" = $1 AND s."customerId" IS NOT NULL`,
    [registrationId],
  );
  if (rows.length === 0) return [];
  const raised = await unsafeEvaluateAlerts({ customerIds: rows.map((row) => row.customerId), now });
  if (raised.length > 0) await Promise.all([unsafeDeliverAlertWebhooks({ now }), unsafeEmailAlerts(raised)]);
  return raised;
}

/** Per registration: whether an evaluation runs, and whether another batch arrived meanwhile. */
const pending = new Map<string, { again: boolean }>();

/**
 * Fire-and-forget form for the ingest paths: failures are logged, never thrown. Batches arriving
 * while a registration's evaluation runs are coalesced into one more run after it.
 */
export function startAlertsAfterIngest(registrationId: string): void {
  const running = pending.get(registrationId);
  if (running) {
    running.again = true;
    return;
  }
  const state = { again: false };
  pending.set(registrationId, state);
  const run = async (): Promise<void> => {
    do {
      state.again = false;
      await unsafeRaiseAlertsAfterIngest(registrationId).catch((error: unknown) => {
        console.warn("Alert evaluation after ingest failed:", error instanceof Error ? error.message : error);
      });
    } while (state.again);
    pending.delete(registrationId);
  };
  void run();
}
