import "server-only";
// The daily alert evaluation: once per UTC day, every partner's customers are evaluated (forecast
// thresholds move as days pass even without ingest), new alerts e-mailed; then the webhook
// deliveries that are due (first attempts and retries) are sent. Safe with several portal
// processes: the day's lease row (AlertDailyRun) is claimed by one INSERT … ON CONFLICT DO
// NOTHING inside a transaction holding pg_try_advisory_xact_lock, so one process evaluates a day;
// a run that died unfinished is re-claimable after LEASE_MINUTES. Evaluating twice would still
// raise nothing twice (the alerts' dedupe keys), the lease only spares the work. The webhook round
// runs under the job lock "alert-webhooks" (one process at a time), and each delivery is claimed by
// a conditional update before it is sent.
// UNSAFE (unscoped): every partner; called by the schedule's trigger route only.
import { getDatabase } from "../db";
import { unsafeEvaluateAlerts } from "./unsafe-evaluate-alerts";
import { unsafeEmailAlerts } from "./unsafe-email-alerts";
import { unsafeDeliverAlertWebhooks } from "./unsafe-deliver-alert-webhooks";
import { runExclusiveJob } from "../jobs/run-exclusive-job";

const LEASE_MINUTES = 60;

export interface DailyAlertRun {
  day: string;
  /** Whether this call evaluated the day (false: another run has it, or had it). */
  evaluated: boolean;
  raised: number;
  delivered: number;
  failed: number;
}

export async function unsafeRunDailyAlertEvaluation(options: { now?: Date; fetch?: typeof fetch } = {}): Promise<DailyAlertRun> {
  const now = options.now ?? new Date();
  const day = now.toISOString().slice(0, 10);
  const database = await getDatabase();
  const { sql } = database;
  const claimed = await sql.transaction(async (tx) => {
    const { rows: locked } = await tx.query<{ locked: boolean }>(`SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked`, [
      `alerts-daily:${day}`,
    ]);
    if (!locked[0]?.locked) return false;
    const { rows } = await tx.query<{ day: string }>(
      `INSERT INTO "AlertDailyRun" ("day", "startedAt") VALUES ($1::date, ($2::timestamptz AT TIME ZONE 'UTC'))
       ON CONFLICT ("day") DO UPDATE SET "startedAt" = EXCLUDED."startedAt"
         WHERE "AlertDailyRun"."finishedAt" IS NULL AND "AlertDailyRun"."startedAt" < ($2::timestamptz AT TIME ZONE 'UTC') - make_interval(mins => $3)
       RETURNING "day"::text AS "day"`,
      [day, now.toISOString(), LEASE_MINUTES],
    );
    return rows.length === 1;
  });
  let raised: string[] = [];
  if (claimed) {
    raised = await unsafeEvaluateAlerts({ now });
    await unsafeEmailAlerts(raised);
    await sql.query(`UPDATE "AlertDailyRun" SET "finishedAt" = ($2::timestamptz AT TIME ZONE 'UTC'), "raised" = $3 WHERE "day" = $1::date`, [
      day,
      now.toISOString(),
      raised.length,
    ]);
  }
  const round = await runExclusiveJob(database, "alert-webhooks", () => unsafeDeliverAlertWebhooks({ now, fetch: options.fetch }));
  const { delivered, failed } = round.ran ? round.result : { delivered: 0, failed: 0 };
  return { day, evaluated: claimed, raised: raised.length, delivered, failed };
}
