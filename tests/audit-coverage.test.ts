// Audit coverage: EVERY server action of the app writes an audit event. The test discovers the
// actions itself (each exported async function of every lib/**/actions.ts), so a new action
// without a case in tests/audit-coverage/*-cases.ts (or a reasoned exemption) fails here by name.
// Each case runs on a fresh world: prepare → call the action as the case's user → the call must
// succeed AND write an AuditEvent with the expected action, by that user.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "./support/test-database";
import { testSession } from "./support/mock-session";
import { makeWorld } from "./support/world";
import { setDatabaseForTests } from "../lib/db";
import type { Database } from "../lib/database/open-database";
import type { AuditCase, AuditCases, AuditExemptions } from "./audit-coverage/types";
import { discoverActions, findFiles, importFile, ROOT } from "./support/discover-actions";

const cookieJar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name) } : undefined),
    set: (name: string, value: string) => cookieJar.set(name, value),
    delete: (name: string) => cookieJar.delete(name),
  }),
  headers: async () => new Headers(),
}));
vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());

const CASES_DIR = path.join(ROOT, "tests", "audit-coverage");

async function loadCases(): Promise<{ cases: Map<string, AuditCase & { file: string }>; exemptions: Map<string, string>; duplicates: string[] }> {
  const cases = new Map<string, AuditCase & { file: string }>();
  const exemptions = new Map<string, string>();
  const duplicates: string[] = [];
  for (const file of await findFiles(CASES_DIR, (name) => name.endsWith("-cases.ts"))) {
    const loaded = (await importFile(file)) as { auditCases?: AuditCases; auditExemptions?: AuditExemptions };
    const base = path.basename(file);
    for (const [key, auditCase] of Object.entries(loaded.auditCases ?? {})) {
      if (cases.has(key) || exemptions.has(key)) duplicates.push(`${key} (again in ${base})`);
      cases.set(key, { ...auditCase, file: base });
    }
    for (const [key, reason] of Object.entries(loaded.auditExemptions ?? {})) {
      if (cases.has(key) || exemptions.has(key)) duplicates.push(`${key} (again in ${base})`);
      exemptions.set(key, reason);
    }
  }
  return { cases, exemptions, duplicates };
}

const actions = await discoverActions();
const { cases, exemptions, duplicates } = await loadCases();

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  setDatabaseForTests(database);
});
afterAll(() => database?.close());

describe("audit coverage: the inventory", () => {
  it("finds the app's server actions", () => {
    // A sanity floor: if discovery broke (a path, an import), the per-action checks would pass vacuously.
    expect(actions.size).toBeGreaterThanOrEqual(15);
  });

  it("every server action has an audit case or a reasoned exemption", () => {
    const missing = [...actions.keys()].filter((key) => !cases.has(key) && !exemptions.has(key));
    expect(missing, `server actions with no audit case (tests/audit-coverage/*-cases.ts) nor exemption: ${missing.join(", ")}`).toEqual([]);
  });

  it("every case and exemption names an existing action, once", () => {
    const stale = [...cases.keys(), ...exemptions.keys()].filter((key) => !actions.has(key));
    expect(stale, `audit cases/exemptions for actions that don't exist: ${stale.join(", ")}`).toEqual([]);
    expect(duplicates, `actions listed twice: ${duplicates.join(", ")}`).toEqual([]);
  });

  it("every exemption says why", () => {
    const unexplained = [...exemptions].filter(([, reason]) => reason.trim().length < 10).map(([key]) => key);
    expect(unexplained).toEqual([]);
  });
});

describe("audit coverage: each action writes its audit event", () => {
  for (const [key, auditCase] of cases) {
    const action = actions.get(key);
    if (!action) continue; // reported by the inventory
    it(`${key} → ${auditCase.expectedAuditAction} (${auditCase.file})`, async () => {
      const { prisma } = database;
      const world = await makeWorld(prisma);
      cookieJar.clear();
      const { scope, input } = await auditCase.prepare({ prisma, world });
      testSession.scope = scope;
      const where = auditCase.isPublic ? { action: auditCase.expectedAuditAction } : { action: auditCase.expectedAuditAction, actorUserId: scope.userId };
      const before = await prisma.auditEvent.count({ where });
      try {
        const result = await action(input);
        expect(result, `${key} did not succeed`).toMatchObject({ ok: true });
      } finally {
        testSession.scope = null;
      }
      const after = await prisma.auditEvent.count({ where });
      expect(after - before, `${key} succeeded without writing a "${auditCase.expectedAuditAction}" audit event by ${scope.email}`).toBeGreaterThanOrEqual(1);
    });
  }
});
