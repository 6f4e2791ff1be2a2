// Acceptance: a month-end close killed with SIGKILL in the middle of its transaction (after the
// numbers were taken, after the invoices were written) leaves nothing behind; the restarted close
// issues one invoice per customer with gapless numbers. Against a file-backed PGlite folder, or a
// test PostgreSQL database with TEST_DATABASE_URL.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { readMigrationFolders } from "../lib/database/migrations";
import { openDatabase, PGLITE_EXTENSIONS, type Database } from "../lib/database/open-database";
import { createTestDatabase } from "./support/test-database";
import { makeWorld, type World } from "./support/world";
import { makeApssSubscription } from "./support/factories";
import { makeRegistration } from "./support/registration-fixtures";
import { METERS, insertRatedLine } from "./support/chargeback-fixtures";
import { unsafeClosePeriod } from "../lib/periods/unsafe-close-period";

interface Target {
  env: Record<string, string>;
  open(): Promise<Database>;
  release(database: Database): Promise<void>;
  cleanup(): Promise<void>;
}

/** A migrated database the child and the test open in turn (a PGlite folder has one owner at a time). */
async function makeTarget(): Promise<Target> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const database = await createTestDatabase();
    const url = new URL(adminUrl);
    url.pathname = database.location.slice(database.location.indexOf("/"));
    return { env: { DATABASE_URL: url.toString() }, open: async () => database, release: async () => undefined, cleanup: () => database.close() };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "stackcenter-close-kill-"));
  const pglite = new PGlite(dir, { extensions: PGLITE_EXTENSIONS });
  for (const folder of await readMigrationFolders()) await pglite.exec(folder.sql);
  await pglite.close();
  return {
    env: { PGLITE_DIR: dir },
    open: () => openDatabase({ pgliteDir: dir }),
    release: (database) => database.close(),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

function closeKilledAfter(target: Target, partnerId: string, step: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/support/period-close-child.ts"], {
      env: { ...process.env, ...target.env, CLOSE_PARTNER: partnerId, CLOSE_PERIOD: "2026-10", KILL_AFTER_STEP: step },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const lines: string[] = [];
    let stderr = "";
    let buffered = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const complete = buffered.split("\n");
      buffered = complete.pop() ?? "";
      for (const line of complete) {
        lines.push(line);
        if (line === `step ${step}` && child.exitCode === null) child.kill("SIGKILL");
      }
    });
    child.on("exit", (code, signal) => {
      if (signal === "SIGKILL") resolve(lines);
      else reject(new Error(`The close ended on its own (${code}) before it was killed: ${stderr.slice(-2000)}`));
    });
  });
}

let target: Target;
let world: World;
beforeAll(async () => {
  target = await makeTarget();
  const database = await target.open();
  world = await makeWorld(database.prisma);
  const partnerId = world.partners.distributor.id;
  const registration = await makeRegistration(database.prisma, { partnerId, subscriptionId: (await makeApssSubscription(database.prisma, partnerId)).id });
  for (const customer of [world.customers.distributor, world.customers.resellerA, world.customers.resellerB]) {
    await insertRatedLine(database.sql, {
      registrationId: registration.id,
      subscriptionId: customer.subscription.id,
      meterId: METERS.vm,
      day: "2026-10-09",
      quantity: "12",
      unitPrice: "0.008",
    });
  }
  await target.release(database);
}, 120_000);
afterAll(async () => {
  await target?.cleanup();
});

describe("a close killed with SIGKILL", () => {
  it("after the numbers, then after the invoices: nothing left; the restart issues one invoice per customer, numbers gapless", async () => {
    const partnerId = world.partners.distributor.id;
    for (const step of ["numbered", "invoices"]) {
      const lines = await closeKilledAfter(target, partnerId, step);
      expect(lines).toContain(`step ${step}`);
      expect(lines).not.toContain("closed");
      const database = await target.open();
      try {
        expect(await database.prisma.billingPeriodClose.count()).toBe(0);
        expect(await database.prisma.invoice.count()).toBe(0);
        expect(await database.prisma.invoiceCounter.count()).toBe(0);
      } finally {
        await target.release(database);
      }
    }
    const database = await target.open();
    try {
      const result = await unsafeClosePeriod(database, partnerId, "2026-10", null, { now: new Date("2026-11-06T09:00:00Z") });
      expect(result).toMatchObject({ created: true, invoiceCount: 3 });
      const invoices = await database.prisma.invoice.findMany({ orderBy: { sequence: "asc" }, select: { sequence: true, customerId: true } });
      expect(invoices.map((invoice) => invoice.sequence)).toEqual([1, 2, 3]);
      expect(new Set(invoices.map((invoice) => invoice.customerId)).size).toBe(3);
      expect(await database.prisma.invoiceCounter.findMany({ select: { lastNumber: true } })).toEqual([{ lastNumber: 3 }]);
    } finally {
      await target.release(database);
    }
  }, 240_000);
});
