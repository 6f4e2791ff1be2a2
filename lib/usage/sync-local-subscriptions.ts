import "server-only";
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

/**
 * Upserts the stamp's local subscriptions and their owners (UNSCOPED: the caller authenticated the
 * registration's ingestion key). Subscriptions the stamp no longer lists are kept: usage already
 * reported for them must still resolve. Returns how many rows were written.
 */
export async function syncLocalSubscriptions(registrationId: string, body: LocalSubscriptionsBody): Promise<{ upserted: number }> {
  // Last entry wins for a repeated id, as ON CONFLICT can't update a row twice in one statement.
  const byId = new Map(body.value.map((s) => [s.subscriptionId.toLowerCase(), s]));
  const rows = [...byId.entries()];
  if (rows.length === 0) return { upserted: 0 };
  const { sql } = await getDatabase();
  await sql.query(
    `INSERT INTO "LocalSubscription" ("registrationId", "localSubscriptionId", "ownerTenantId", "isProviderSubscription", "displayName", "updatedAt")
     SELECT $1, u.*, now() FROM unnest($2::text[], $3::uuid[], $4::boolean[], $5::text[]) AS u
     ON CONFLICT ("registrationId", "localSubscriptionId") DO UPDATE
        SET "ownerTenantId" = EXCLUDED."ownerTenantId", "isProviderSubscription" = EXCLUDED."isProviderSubscription",
            "displayName" = EXCLUDED."displayName", "updatedAt" = now()`,
    [
      registrationId,
      rows.map(([id]) => id),
      rows.map(([, s]) => s.tenantId?.toLowerCase() ?? null),
      rows.map(([, s]) => s.isProviderSubscription),
      rows.map(([, s]) => s.displayName ?? null),
    ],
  );
  return { upserted: rows.length };
}
