// Removes an import's rows (a refused duplicate, a failed match). Not "server-only": the bench uses it.
import type { RawSql } from "../database/open-database";
import { billedLinesPartition } from "./billed-lines-partition";

/** Deletes a staged (or any) import's rows: its billed lines, its classified lines and itself. */
export async function discardReconciliationImport(sql: RawSql, importId: string): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query(`DELETE FROM "ReconciliationLine" WHERE "importId" = $1`, [importId]);
    // The import's own partition goes whole (instant, whatever its size); rows elsewhere too.
    await tx.query(`DROP TABLE IF EXISTS ${billedLinesPartition(importId)}`);
    await tx.query(`DELETE FROM "ReconciliationBilledLine" WHERE "importId" = $1`, [importId]);
    await tx.query(`DELETE FROM "ReconciliationImport" WHERE "id" = $1`, [importId]);
  });
}
