import "server-only";
// Marks a period's current import reviewed (by whom, when), for the billing partner; audited in the
// same transaction. A newer import later starts unreviewed again.
import { randomUUID } from "node:crypto";
import type { PartnerScope } from "../auth/partner-scope";
import { getDatabase } from "../db";
import { DomainError } from "../errors";
import { RECONCILIATION_ERROR_CODES } from "./reconciliation-errors";
import { requireReconciliationPartner } from "./require-reconciliation-partner";

export async function reviewReconciliation(scope: PartnerScope, input: { period: string }): Promise<{ importId: string; reviewedAt: string }> {
  const partnerId = requireReconciliationPartner(scope, "chargeback:manage");
  const { sql } = await getDatabase();
  return sql.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string; reviewedAt: string }>(
      `UPDATE "ReconciliationImport" SET "state" = 'REVIEWED', "reviewedById" = $3, "reviewedAt" = now()
        WHERE "partnerId" = $1 AND "period" = $2 AND "current"
        RETURNING "id", to_char("reviewedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "reviewedAt"`,
      [partnerId, input.period, scope.userId],
    );
    const reviewed = rows[0];
    if (!reviewed)
      throw new DomainError(RECONCILIATION_ERROR_CODES.NothingImported, `Nothing is imported for ${input.period} yet: import Microsoft's recon file first.`, {
        status: 404,
      });
    await tx.query(
      `INSERT INTO "AuditEvent" ("id", "actorUserId", "partnerId", "action", "targetType", "targetId", "after")
       VALUES ($1, $2, $3, 'reconciliation.review', 'ReconciliationImport', $4, $5::jsonb)`,
      [randomUUID(), scope.userId, partnerId, reviewed.id, JSON.stringify({ period: input.period, reviewedAt: reviewed.reviewedAt })],
    );
    return { importId: reviewed.id, reviewedAt: reviewed.reviewedAt };
  });
}
