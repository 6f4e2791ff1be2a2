// Runs tests/audit-coverage/partners-cases.ts on its own: every server action of lib/partners and
// lib/users has a case, and each call succeeds and writes its audit event (with the case's partner
// data changing in the same transaction). The app-wide audit-coverage test runs the same cases.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { testSession } from "./support/mock-session";
import { type World } from "./support/world";
import type { Database } from "../lib/database/open-database";
import { auditCases } from "./audit-coverage/partners-cases";
import { withTestWorld } from "./support/with-test-world";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());

const MODULES = {
  "partners/actions": await import("../lib/partners/actions"),
  "users/actions": await import("../lib/users/actions"),
} as Record<string, Record<string, (input: unknown) => Promise<{ ok: boolean }>>>;

let database: Database;
let world: World;

withTestWorld((context) => ({ database, world } = context));

describe("audit cases of the indirect channel", () => {
  it("cover every exported action of lib/partners/actions.ts and lib/users/actions.ts", async () => {
    for (const [module, exports] of Object.entries(MODULES)) {
      // The source's exported async functions, so a new action without a case fails here.
      const source = await readFile(path.resolve("lib", `${module}.ts`), "utf8");
      const declared = [...source.matchAll(/export async function (\w+)/g)].map((match) => match[1]);
      expect(declared.sort()).toEqual(
        Object.keys(exports)
          .filter((name) => typeof exports[name] === "function")
          .sort(),
      );
      for (const name of declared) expect(Object.keys(auditCases)).toContain(`${module}#${name}`);
    }
  });

  for (const [key, auditCase] of Object.entries(auditCases)) {
    it(`${key} writes ${auditCase.expectedAuditAction}`, async () => {
      const [module, name] = key.split("#");
      const { scope, input } = await auditCase.prepare({ prisma: database.prisma, world });
      testSession.scope = scope;
      const before = new Date(Date.now() - 1);
      const result = await MODULES[module][name](input);
      expect(result).toMatchObject({ ok: true });
      const events = await database.prisma.auditEvent.count({ where: { action: auditCase.expectedAuditAction, createdAt: { gte: before } } });
      expect(events).toBeGreaterThanOrEqual(1);
    });
  }
});
