// One runner per scheduled job across every portal process sharing the database. Each process's
// schedule calls its job; on PostgreSQL the job runs only while this process holds the job's
// transaction-scoped advisory lock, taken with pg_try_advisory_xact_lock on a connection of its
// own: a process that finds it taken skips this round (the holder is doing the work), and a
// process that dies mid-job releases it with its connection. The lock's transaction does no other
// work; the job uses the pool's other connections as usual.
// PGlite serves one process only (its folder has a single owner), and its one connection would be
// held by the lock's transaction: there the job simply runs. In both modes a job never overlaps
// itself within one process (a slow round and the next tick of the same timer).
// Not "server-only": the schedules that call it are loaded by instrumentation.ts too.
import type { Database } from "../database/open-database";

export type ExclusiveJobOutcome<T> = { ran: true; result: T } | { ran: false };

/** The first key of the two-key advisory lock form: its own key space, apart from the one-key (bigint) locks. */
const JOB_LOCK_CLASS = 24_001;

/** The jobs running per database handle (a process has one; globalThis: Next may load this module more than once). */
const globalForJobs = globalThis as unknown as { stackcenterRunningJobs?: WeakMap<Database, Set<string>> };

export async function runExclusiveJob<T>(database: Database, name: string, job: () => Promise<T>): Promise<ExclusiveJobOutcome<T>> {
  const byDatabase = (globalForJobs.stackcenterRunningJobs ??= new WeakMap());
  let running = byDatabase.get(database);
  if (!running) byDatabase.set(database, (running = new Set()));
  if (running.has(name)) return { ran: false };
  running.add(name);
  try {
    if (database.mode !== "postgres") return { ran: true, result: await job() };
    return await database.sql.transaction(async (tx): Promise<ExclusiveJobOutcome<T>> => {
      const { rows } = await tx.query<{ locked: boolean }>(`SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS "locked"`, [JOB_LOCK_CLASS, name]);
      if (!rows[0]?.locked) return { ran: false };
      return { ran: true, result: await job() };
    });
  } finally {
    running.delete(name);
  }
}
