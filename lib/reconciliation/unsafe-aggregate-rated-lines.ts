// The rated side of an import's matching, aggregated ahead into a table of its own (unlogged: it
// lives for one import) on a connection of its own, while the recon file is still being read and
// COPYed: the stamps' side doesn't depend on the file, and on PostgreSQL the server has a core to
// spare while Node reads the file. The matching then joins this table instead of aggregating the
// rated lines itself, and drops it. The rated lines are read as of a few seconds before the
// matching: usage rated in between is the next import's to see. Unscoped ("unsafe"): the caller
// passes the billing partner it resolved from the signed-in scope. Not "server-only": the bench
// runs it.
import type { RawSql } from "../database/open-database";
import { importTableName } from "./import-table-name";
import { periodDays } from "./period-days";
import { ratedKeysSql } from "./rated-keys-sql";

export interface RatedLinesPeriod {
  partnerId: string;
  /** YYYY-MM. */
  period: string;
  legacy: boolean;
}

/** Creates the import's rated-keys table; returns its name. */
export async function unsafeAggregateRatedLines(sql: RawSql, importId: string, input: RatedLinesPeriod): Promise<string> {
  const table = importTableName("ReconciliationRatedKeys", importId);
  const { firstDay, nextFirstDay } = periodDays(input.period);
  // One connection from start to end: the staging, holding its own, awaits this one (pg's pool
  // serves requests in order, and this one's was made first).
  await sql.transaction(async (tx) => {
    await tx.query(`SET LOCAL work_mem = '256MB'`);
    await tx.query(`SET LOCAL jit = off`);
    await tx.query(`DROP TABLE IF EXISTS ${table}`);
    await tx.query(`CREATE UNLOGGED TABLE ${table} AS ${ratedKeysSql(input.legacy, { partner: "$1", firstDay: "$2", nextFirstDay: "$3" })}`, [
      input.partnerId,
      firstDay,
      nextFirstDay,
    ]);
  });
  // Its size and keys' spread, for the matching's plan; frozen while the file is still being read,
  // so the matching's first reads don't dirty and write every page to set hint bits.
  await sql.query(`VACUUM (FREEZE, ANALYZE) ${table}`);
  return table;
}
