import "server-only";
// Changes the quantity tolerance of a period's current import and classifies it again (set-based,
// in the same transaction as the change and its audit event).
import { randomUUID } from "node:crypto";
import type { PartnerScope } from "../auth/partner-scope";
import { getDatabase } from "../db";
import { DomainError } from "../errors";
import { RECONCILIATION_ERROR_CODES } from "./reconciliation-errors";
import { requireReconciliationPartner } from "./require-reconciliation-partner";
import { unsafeMatchReconciliationImport } from "./unsafe-match-reconciliation-import";

export async function setReconciliationTolerance(
  scope: PartnerScope,
  input: { period: string; tolerancePercent: string },
): Promise<{ importId: string; keys: number }> {
  const partnerId = requireReconciliationPartner(scope, "chargeback:manage");
  const { sql, mode } = await getDatabase();
  return sql.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`reconciliation:${partnerId}:${input.period}`]);
    const { rows } = await tx.query<{ id: string; before: string }>(
      `SELECT "id", "quantityTolerancePercent"::text AS "before" FROM "ReconciliationImport" WHERE "partnerId" = $1 AND "period" = $2 AND "current" FOR UPDATE`,
      [partnerId, input.period],
    );
    const current = rows[0];
    if (!current)
      throw new DomainError(RECONCILIATION_ERROR_CODES.NothingImported, `Nothing is imported for ${input.period} yet: import Microsoft's recon file first.`, {
        status: 404,
      });
    await tx.query(`UPDATE "ReconciliationImport" SET "quantityTolerancePercent" = $2::numeric WHERE "id" = $1`, [current.id, input.tolerancePercent]);
    const keys = await unsafeMatchReconciliationImport(tx, current.id, { pool: mode === "postgres" ? sql : undefined });
    await tx.query(
      `INSERT INTO "AuditEvent" ("id", "actorUserId", "partnerId", "action", "targetType", "targetId", "before", "after")
       VALUES ($1, $2, $3, 'reconciliation.tolerance', 'ReconciliationImport', $4, $5::jsonb, $6::jsonb)`,
      [
        randomUUID(),
        scope.userId,
        partnerId,
        current.id,
        JSON.stringify({ tolerancePercent: current.before }),
        JSON.stringify({ tolerancePercent: input.tolerancePercent }),
      ],
    );
    return { importId: current.id, keys };
  });
}
