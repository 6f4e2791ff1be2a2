// The setup every database test file shares: a fresh migrated database for the file (made the
// lib's database), optionally the multi-tenant world on it, closed after the file; and a signed-out
// test session before each test. `onReady` hands the values to the file's own variables.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { setDatabaseForTests } from "../../lib/db";
import type { Database } from "../../lib/database/open-database";
import { testSession } from "./mock-session";
import { createTestDatabase } from "./test-database";
import { makeWorld, type World } from "./world";

export function withTestDatabase(onReady: (database: Database) => unknown): void {
  let database: Database | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    setDatabaseForTests(database);
    await onReady(database);
  });
  afterAll(() => database?.close());
}

export function withTestWorld(onReady: (context: { database: Database; world: World }) => unknown, options: { resetSession?: boolean } = {}): void {
  withTestDatabase(async (database) => onReady({ database, world: await makeWorld(database.prisma) }));
  if (options.resetSession) {
    beforeEach(() => {
      testSession.scope = null;
    });
  }
}
