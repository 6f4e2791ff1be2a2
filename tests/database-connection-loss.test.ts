// The PostgreSQL pool outlives connections the server terminates (a restart, a failover,
// pg_terminate_backend): the lost connection is logged and replaced, and — the point — the process
// does not die of an unhandled "error" event (vitest fails the run on an uncaught exception).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "./support/test-database";
import type { Database } from "../lib/database/open-database";

describe.runIf(!!process.env.TEST_DATABASE_URL)("a PostgreSQL connection terminated by the server", () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it("is logged and replaced, and the next queries succeed", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      // Three connections in use at once, then idle in the pool.
      await Promise.all([1, 2, 3].map(() => database.sql.query("SELECT pg_sleep(0.05)")));
      const { rows } = await database.sql.query<{ terminated: number }>(
        `SELECT count(*)::int AS terminated FROM (
           SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()) killed`,
      );
      expect(rows[0].terminated).toBeGreaterThan(0);
      // Each terminated connection reports its loss on its own socket: wait for all of them, or a
      // query below may still be handed a connection whose notice hasn't arrived yet.
      const losses = () => warn.mock.calls.filter(([message]) => String(message).includes("PostgreSQL connection lost")).length;
      await vi.waitFor(() => expect(losses()).toBe(rows[0].terminated));
      const after = await Promise.all([1, 2, 3].map(() => database.sql.query<{ one: number }>("SELECT 1 AS one")));
      expect(after.map((result) => result.rows[0].one)).toEqual([1, 1, 1]);
      expect(await database.prisma.partner.count()).toBeGreaterThanOrEqual(0);
    } finally {
      warn.mockRestore();
    }
  });
});
