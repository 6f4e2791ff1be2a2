// Rated usage lines written straight to RatedUsageLine (set-based), for recon tests and the bench.
import type { RawSql } from "../../lib/database/open-database";

export const RECON_METERS = {
  vm: "7bc19779-56bc-474d-8c88-36fbd79ae004",
  blockBlob: "8a913f38-33b4-4772-9488-e89522fc09e5",
};
export const LOCAL_BASE_VM = "fab6eb84-500b-4a09-a8ca-7358f8bbaea5";

export interface RatedLinesOptions {
  registrationId: string;
  subscriptionId: string;
  count: number;
  /** Days cycle through the month of this day. */
  firstDay: string;
  days?: number;
  unitPrice?: string;
  unregisteredTenant?: boolean;
  resourcePrefix?: string;
}

/**
 * `count` lines: quantities with many decimals (i × 0.0137…) so FLOOR and ROUND differ on most lines.
 */
export async function insertRatedLines(sql: Pick<RawSql, "query">, o: RatedLinesOptions): Promise<void> {
  await sql.query(
    `INSERT INTO "RatedUsageLine" ("registrationId","azureSubscriptionId","commerceMeterId","resourceUri","usageDate","eventDate",
       "localMeterId","localSubscriptionId","mappedTenantId","unregisteredTenant","location","quantity","market","currency","unitPrice","pretaxAmount")
     SELECT $1, $2::uuid, CASE WHEN i % 3 = 0 THEN $8::uuid ELSE $9::uuid END,
            $10 || i, $3::date + (i % $4), $3::date + (i % $4), $11::uuid, 'local-' || (i % 7), NULL, $6, 'local',
            (i * 0.0137911)::numeric(28,10), 'US', 'USD', $5::numeric, ($5::numeric * (i * 0.0137911)::numeric(28,10))
       FROM generate_series(1, $7::int) AS i`,
    [
      o.registrationId,
      o.subscriptionId,
      o.firstDay,
      o.days ?? 28,
      o.unitPrice ?? "0.0460000000",
      o.unregisteredTenant ?? false,
      o.count,
      RECON_METERS.blockBlob,
      RECON_METERS.vm,
      o.resourcePrefix ?? `/subscriptions/x/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines/vm-${o.subscriptionId.slice(0, 8)}-`,
      LOCAL_BASE_VM,
    ],
  );
}
