// Removes an import's rows (a refused duplicate, a failed match). Not "server-only": the bench uses it.
import type { RawSql } from "../database/open-database";
import { importTableName } from "./import-table-name";

/** Deletes a staged (or any) import's rows: its billed lines, its classified lines and itself. */
export async function discardReconciliationImport(sql: RawSql, importId: string): Promise<void> {
  await sql.transaction(async (tx) => {
    // The import's own partitions go whole (instant, whatever their size); rows elsewhere too.
    await tx.query(`DROP TABLE IF EXISTS ${importTableName("ReconciliationLine", importId)}`);
    await tx.query(`DROP TABLE IF EXISTS ${importTableName("ReconciliationLine", importId, "_new")}`);
    await tx.query(`DELETE FROM "ReconciliationLine" WHERE "importId" = $1`, [importId]);
    await tx.query(`DROP TABLE IF EXISTS ${importTableName("ReconciliationBilledLine", importId)}`);
    await tx.query(`DELETE FROM "ReconciliationBilledLine" WHERE "importId" = $1`, [importId]);
    await tx.query(`DROP TABLE IF EXISTS ${importTableName("ReconciliationRatedKeys", importId)}`);
    await tx.query(`DELETE FROM "ReconciliationImport" WHERE "id" = $1`, [importId]);
  });
}
