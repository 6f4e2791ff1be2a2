// The month-partitioned usage tables (migration usage_month_partitions) and the naming both the
// migration and the upkeep use: <table>_YYYY_MM for a UTC month, <table>_default for the rest.
// No "server-only": scripts (usage purge, benchmarks) use these modules too.

export interface MonthPartitionedTable {
  name: "UsageRecord" | "RatedUsageLine";
  /** The partition key. */
  column: string;
  /** SQL giving a row's UTC month (a timestamp at the month's first midnight). */
  monthOf: string;
  /** How a month's first day is written as a bound of the partition key's type. */
  bound: (month: string) => string;
  /** Storage parameters of each partition (a partitioned table takes none itself). */
  storage: string;
}

export const MONTH_PARTITIONED_TABLES: readonly MonthPartitionedTable[] = [
  {
    name: "UsageRecord",
    column: `"usageStart"`,
    monthOf: `date_trunc('month', "usageStart" AT TIME ZONE 'UTC')`,
    // With its offset: a bare timestamp would be read in the session's TimeZone.
    bound: (month) => `${month} 00:00:00+00`,
    storage: "",
  },
  {
    name: "RatedUsageLine",
    column: `"usageDate"`,
    monthOf: `date_trunc('month', "usageDate"::timestamp)`,
    bound: (month) => month,
    // Room for the rating upsert's HOT updates (migration rated_usage_fillfactor).
    storage: " WITH (fillfactor = 80)",
  },
];

/** The key of the transaction-scoped advisory lock that serialises partition upkeep and month drops. */
export const USAGE_PARTITIONS_LOCK_KEY = 0x5354_4b50; // "STKP"

/** The first days (YYYY-MM-DD) of `now`'s UTC month and of the `ahead` months after it. */
export function monthsFrom(now: Date, ahead: number): string[] {
  return Array.from({ length: ahead + 1 }, (_, k) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + k, 1)).toISOString().slice(0, 10));
}

/** "2026-11-01" → "UsageRecord_2026_11". */
export function monthPartitionName(table: string, month: string): string {
  return `${table}_${month.slice(0, 4)}_${month.slice(5, 7)}`;
}
