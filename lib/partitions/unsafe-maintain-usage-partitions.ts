// Partition upkeep of the month-partitioned usage tables: creates the partitions of the current
// UTC month and the next two, and of every month the DEFAULT partition holds rows for (usage that
// arrived while its month had no partition: a late record, a portal that was stopped for months,
// the demo seed's history), moving those rows into their month. Run at start and daily by the
// portal (schedule-partition-upkeep.ts). Unscoped ("unsafe"): partitions are platform-wide
// storage, every partner's rows share them.
//
// PostgreSQL refuses a new partition while DEFAULT holds rows of its range, so a month is built
// as a plain table, DEFAULT's rows of the month are moved into it and it is attached, all in one
// transaction. Statements on the partitions themselves don't fire the rated lines' rollup triggers
// (those are on the partitioned table), so the rollups, which already count the rows, stay as they
// are. Several portal processes may run it at once: a transaction-scoped advisory lock makes them
// take turns, and the second finds the partitions made.
import type { RawSql, SqlTransaction } from "../database/open-database";
import { MONTH_PARTITIONED_TABLES, monthPartitionName, monthsFrom, USAGE_PARTITIONS_LOCK_KEY, type MonthPartitionedTable } from "./usage-partition-tables";

/** Months created ahead of the current one. */
export const PARTITION_MONTHS_AHEAD = 2;

export interface PartitionUpkeep {
  /** Partitions created, e.g. "UsageRecord_2027_02". */
  created: string[];
  /** Rows moved out of the DEFAULT partitions into their month's. */
  moved: number;
}

/**
 * `since`: also create every month from `since`'s up to the current one (for loading history in
 * bulk straight into its months, e.g. a benchmark's pre-fill, rather than through DEFAULT).
 */
export async function unsafeMaintainUsagePartitions(sql: Pick<RawSql, "transaction">, options: { now?: Date; since?: Date } = {}): Promise<PartitionUpkeep> {
  const now = options.now ?? new Date();
  const ahead = monthsFrom(now, PARTITION_MONTHS_AHEAD);
  if (options.since && options.since < now) {
    const back = (now.getUTCFullYear() - options.since.getUTCFullYear()) * 12 + now.getUTCMonth() - options.since.getUTCMonth();
    ahead.push(...monthsFrom(options.since, back));
  }
  return sql.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock($1)`, [USAGE_PARTITIONS_LOCK_KEY]);
    // Attaching or detaching a partition waits for the ingests writing the table; while it waits,
    // every later query on the table queues behind it. Give up instead (the next daily run retries;
    // the partitions are made two months ahead).
    await tx.query(`SET LOCAL lock_timeout = '10s'`);
    const upkeep: PartitionUpkeep = { created: [], moved: 0 };
    for (const table of MONTH_PARTITIONED_TABLES) {
      const { rows: partitions } = await tx.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass`,
        [`"${table.name}"`],
      );
      const existing = new Set(partitions.map((partition) => partition.name));
      const { rows: stranded } = await tx.query<{ month: string }>(
        `SELECT DISTINCT to_char(${table.monthOf}, 'YYYY-MM-DD') AS month FROM "${table.name}_default"`,
      );
      const months = [...new Set([...ahead, ...stranded.map((row) => row.month)])].sort();
      for (const month of months) {
        const name = monthPartitionName(table.name, month);
        if (existing.has(name)) continue;
        upkeep.moved += await attachMonth(tx, table, month, name);
        upkeep.created.push(name);
      }
    }
    return upkeep;
  });
}

/** Builds `name`, moves DEFAULT's rows of `month` into it and attaches it; returns the rows moved. */
async function attachMonth(tx: SqlTransaction, table: MonthPartitionedTable, month: string, name: string): Promise<number> {
  const [from, to] = monthsFrom(new Date(`${month}T00:00:00Z`), 1).map(table.bound);
  await tx.query(`CREATE TABLE "${name}" (LIKE "${table.name}" INCLUDING DEFAULTS)${table.storage}`);
  const { rows } = await tx.query<{ n: number }>(
    `WITH moved AS (DELETE FROM "${table.name}_default" WHERE ${table.column} >= $1 AND ${table.column} < $2 RETURNING *),
          kept AS (INSERT INTO "${name}" SELECT * FROM moved RETURNING 1)
     SELECT count(*)::int AS n FROM kept`,
    [from, to],
  );
  // Attaching builds the partitioned table's indexes on the month and checks its rows' range.
  await tx.query(`ALTER TABLE "${table.name}" ATTACH PARTITION "${name}" FOR VALUES FROM ('${from}') TO ('${to}')`);
  return rows[0]?.n ?? 0;
}
