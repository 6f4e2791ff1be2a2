import "server-only";
// Imports Microsoft's recon file for a period, for the partner Microsoft bills: streams it into a
// staging import, then in one transaction matches it, makes it the period's current import (the
// previous one stays, superseded) and writes the audit event. The same file again (same SHA-256 for
// the partner and period) changes nothing and answers the earlier import (checked once the file is
// read, and again under the period's lock, for two uploads of it at once).
import { randomUUID } from "node:crypto";
import type { PartnerScope } from "../auth/partner-scope";
import { getDatabase } from "../db";
import { requireReconciliationPartner } from "./require-reconciliation-partner";
import { periodSchema, toleranceSchema } from "./reconciliation-schemas";
import { stageReconciliationFile } from "./stage-reconciliation-file";
import { discardReconciliationImport } from "./discard-reconciliation-import";
import { unsafeMatchReconciliationImport } from "./unsafe-match-reconciliation-import";

export interface ImportReconciliationInput {
  period: string;
  fileName: string;
  source: AsyncIterable<Uint8Array | string>;
  /** Percent; default 0 (any quantity difference counts). */
  tolerancePercent?: string;
}

export interface ImportReconciliationResult {
  importId: string;
  period: string;
  /** True when this exact file was imported before: nothing changed. */
  alreadyImported: boolean;
  format: "DAILY_RATED" | "LEGACY";
  linesRead: number;
  azureStackLines: number;
  setAsideLines: number;
  /** Keys (subscription × meter × resource × day) classified. */
  keys: number;
  /** The import this one replaced as the period's current one. */
  replacedImportId: string | null;
}

export async function importReconciliationFile(scope: PartnerScope, input: ImportReconciliationInput): Promise<ImportReconciliationResult> {
  const partnerId = requireReconciliationPartner(scope, "chargeback:manage");
  const period = periodSchema.parse(input.period);
  const tolerancePercent = toleranceSchema.parse(input.tolerancePercent ?? "0");
  // At most 255 characters, cut between code points: half a surrogate pair is no text (the audit event's jsonb refuses it).
  const fileName = Array.from(input.fileName.trim().toWellFormed()).slice(0, 255).join("") || "recon.csv";
  const { sql, mode } = await getDatabase();
  const staged = await stageReconciliationFile(sql, {
    // PostgreSQL has connections (and a core) to spare while Node reads the file; PGlite has one.
    aggregateRatedLines: mode === "postgres",
    partnerId,
    period,
    fileName,
    source: input.source,
    importedById: scope.userId,
    tolerancePercent,
  });
  const answerDuplicate = async (importId: string): Promise<ImportReconciliationResult> => {
    const { rows } = await sql.query<{ keys: string }>(`SELECT count(*)::text AS keys FROM "ReconciliationLine" WHERE "importId" = $1`, [importId]);
    return { importId, period, alreadyImported: true, ...counts, keys: Number(rows[0]?.keys ?? 0), replacedImportId: null };
  };
  const counts = {
    format: staged.summary.format,
    linesRead: staged.summary.linesRead,
    azureStackLines: staged.summary.azureStackLines,
    setAsideLines: staged.summary.setAsideLines,
  };
  let outcome: { duplicateOf: string } | { keys: number; replacedImportId: string | null };
  if (staged.duplicateOf) return answerDuplicate(staged.duplicateOf);
  try {
    outcome = await sql.transaction(async (tx) => {
      // One import of a partner's period at a time: the duplicate check and the switch of the current import agree.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`reconciliation:${partnerId}:${period}`]);
      const { rows: duplicates } = await tx.query<{ id: string }>(
        `SELECT "id" FROM "ReconciliationImport" WHERE "partnerId" = $1 AND "period" = $2 AND "fileHash" = $3 AND "state" <> 'STAGING' ORDER BY "importedAt" DESC LIMIT 1`,
        [partnerId, period, staged.fileHash],
      );
      if (duplicates[0]) return { duplicateOf: duplicates[0].id };
      const keys = await unsafeMatchReconciliationImport(tx, staged.importId, { ratedKeys: staged.ratedKeys, pool: mode === "postgres" ? sql : undefined });
      const { rows: replaced } = await tx.query<{ id: string }>(
        `UPDATE "ReconciliationImport" SET "current" = false, "supersededAt" = now() WHERE "partnerId" = $1 AND "period" = $2 AND "current" RETURNING "id"`,
        [partnerId, period],
      );
      await tx.query(`UPDATE "ReconciliationImport" SET "state" = 'IMPORTED', "current" = true, "importedAt" = now() WHERE "id" = $1`, [staged.importId]);
      const replacedImportId = replaced[0]?.id ?? null;
      await tx.query(
        `INSERT INTO "AuditEvent" ("id", "actorUserId", "partnerId", "action", "targetType", "targetId", "after")
         VALUES ($1, $2, $3, 'reconciliation.import', 'ReconciliationImport', $4, $5::jsonb)`,
        [
          randomUUID(),
          scope.userId,
          partnerId,
          staged.importId,
          JSON.stringify({ period, fileName, fileHash: staged.fileHash, tolerancePercent, ...counts, keys, replacedImportId }),
        ],
      );
      return { keys, replacedImportId };
    });
  } catch (error) {
    await discardReconciliationImport(sql, staged.importId).catch(() => {});
    throw error;
  }
  if ("duplicateOf" in outcome) {
    await discardReconciliationImport(sql, staged.importId);
    return answerDuplicate(outcome.duplicateOf);
  }
  return { importId: staged.importId, period, alreadyImported: false, ...counts, ...outcome };
}
