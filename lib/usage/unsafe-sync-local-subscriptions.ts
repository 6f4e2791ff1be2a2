import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getDatabase } from "../db";

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const localSubscriptionsBodySchema = z.object({
  value: z
    .array(
      z.object({
        subscriptionId: z.string().trim().min(1).max(200),
        tenantId: z.string().regex(GUID, "tenantId must be a directory (tenant) GUID.").nullable().optional(),
        isProviderSubscription: z.boolean().optional().default(false),
        displayName: z.string().max(400).nullable().optional(),
      }),
    )
    .max(100_000),
});

export type LocalSubscriptionsBody = z.output<typeof localSubscriptionsBodySchema>;

export interface SyncLocalSubscriptionsOptions {
  /** The ingestion key used (audit trail); null for in-process callers (demo seeder, tests). */
  ingestionKeyId?: string | null;
}

export interface SyncLocalSubscriptionsResult {
  /** Rows in the request (after de-duplication). */
  upserted: number;
  /** Of which new, and existing ones whose owner/kind/name changed; identical rows write nothing. */
  inserted: number;
  updated: number;
}

/**
 * Upserts the stamp's local subscriptions and their owners (unscoped: the caller authenticated the
 * registration's ingestion key). Subscriptions the stamp no longer lists are kept: usage already
 * reported for them must still resolve. A sync that changes anything (the owner tenant decides
 * whose subscription usage bills to) writes one audit event in the same transaction; the
 * collector repeats identical syncs every run, and those write nothing at all.
 */
export async function unsafeSyncLocalSubscriptions(
  registrationId: string,
  body: LocalSubscriptionsBody,
  options: SyncLocalSubscriptionsOptions = {},
): Promise<SyncLocalSubscriptionsResult> {
  // Last entry wins for a repeated id, as ON CONFLICT can't update a row twice in one statement.
  const byId = new Map(body.value.map((s) => [s.subscriptionId.toLowerCase(), s]));
  const rows = [...byId.entries()];
  if (rows.length === 0) return { upserted: 0, inserted: 0, updated: 0 };
  const { sql } = await getDatabase();
  return sql.transaction(async (tx) => {
    // xmax = 0 tells a freshly inserted row from an updated one; the WHERE skips identical rows.
    const written = await tx.query<{ inserted: boolean }>(
      `INSERT INTO "LocalSubscription" ("registrationId", "localSubscriptionId", "ownerTenantId", "isProviderSubscription", "displayName", "updatedAt")
       SELECT $1, u.*, now() FROM unnest($2::text[], $3::uuid[], $4::boolean[], $5::text[]) AS u
       ON CONFLICT ("registrationId", "localSubscriptionId") DO UPDATE
          SET "ownerTenantId" = EXCLUDED."ownerTenantId", "isProviderSubscription" = EXCLUDED."isProviderSubscription",
              "displayName" = EXCLUDED."displayName", "updatedAt" = now()
          WHERE ("LocalSubscription"."ownerTenantId", "LocalSubscription"."isProviderSubscription", "LocalSubscription"."displayName")
                IS DISTINCT FROM (EXCLUDED."ownerTenantId", EXCLUDED."isProviderSubscription", EXCLUDED."displayName")
       RETURNING (xmax = 0) AS "inserted"`,
      [
        registrationId,
        rows.map(([id]) => id),
        rows.map(([, s]) => s.tenantId?.toLowerCase() ?? null),
        rows.map(([, s]) => s.isProviderSubscription),
        rows.map(([, s]) => s.displayName ?? null),
      ],
    );
    const inserted = written.rows.filter((row) => row.inserted).length;
    const updated = written.rows.length - inserted;
    if (written.rows.length > 0) {
      await tx.query(
        `INSERT INTO "AuditEvent" ("id", "actorUserId", "partnerId", "action", "targetType", "targetId", "after")
         SELECT $1, NULL, r."partnerId", 'usage.localSubscriptions.sync', 'Registration', r."id", $3::jsonb
         FROM "Registration" r WHERE r."id" = $2`,
        [randomUUID(), registrationId, JSON.stringify({ inserted, updated, ingestionKeyId: options.ingestionKeyId ?? null })],
      );
    }
    return { upserted: rows.length, inserted, updated };
  });
}
