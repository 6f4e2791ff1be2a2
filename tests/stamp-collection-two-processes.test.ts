// Two portal processes on one PostgreSQL, both running the collection schedule against two
// signed-in stamps: each stamp is pulled once per interval (the lease checks the stamp is still
// due), and every record the stamps reported is stored exactly once (counted against the
// simulator's own ground truth). PostgreSQL only: embedded PGlite is one process by design.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTestWorld } from "./support/with-test-world";
import { makeUsageRegistration } from "./support/usage-fixtures";
import { startSignedInStamp } from "./support/signed-in-stamp";
import type { World } from "./support/world";
import type { Database } from "../lib/database/open-database";
import { guidFor, HOUR_MS, recordsReportedIn, syntheticTenants, type StampWorld } from "../lib/stamp-simulator";
import type { RunningServer } from "../lib/stamp-simulator/http-server";
import { saveStampConnection } from "../lib/stamps/save-stamp-connection";

const adminUrl = process.env.TEST_DATABASE_URL;
const INTERVAL_MINUTES = 0.05;
const INTERVAL_MS = INTERVAL_MINUTES * 60_000;
const RUN_MS = 12_000;
const SECRET_KEY = "two-process-collection-key";

let database: Database;
let world: World;
withTestWorld((context) => ({ database, world } = context));

interface Pull {
  registrationId: string;
  status: string;
  leasedAt?: string;
  accepted?: number;
  duplicate?: number;
  rejected?: number;
  records?: number;
  error?: string;
}

const stamps: { registrationId: string; server: RunningServer; world: StampWorld }[] = [];

function runPortalProcess(databaseUrl: string): Promise<Pull[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join("tests", "support", "stamp-collection-process.ts")], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        STACKCENTER_SECRET_KEY: SECRET_KEY,
        STAMP_COLLECTION_INTERVAL_MINUTES: String(INTERVAL_MINUTES),
        RUN_MS: String(RUN_MS),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = stdout.trim().split("\n").at(-1) ?? "";
      if (code !== 0 || !line.startsWith("{")) reject(new Error(`portal process exited ${code}: ${stderr.slice(-2_000)}`));
      else resolve((JSON.parse(line) as { pulls: Pull[] }).pulls);
    });
  });
}

describe.skipIf(!adminUrl)("two portal processes collecting on one PostgreSQL", () => {
  beforeAll(async () => {
    process.env.STACKCENTER_SECRET_KEY = SECRET_KEY;
    for (const seed of ["two-processes-a", "two-processes-b"]) {
      const setup = await makeUsageRegistration(database.prisma, world);
      const client = randomUUID();
      const provider = guidFor(`${seed}:provider`);
      const started = await startSignedInStamp({
        seed,
        system: "adfs",
        clients: [{ clientId: client, secret: `${seed}-secret` }],
        providerSubscriptionId: provider,
        tenants: [{ tenantId: setup.tenantId, displayName: "Tenant" }, ...syntheticTenants(seed, 1)],
      });
      await saveStampConnection(await world.scope("direct", "ADMIN_AGENT"), {
        registrationId: setup.registration.id,
        armEndpoint: started.stamp.url,
        identitySystem: "ADFS",
        tenantId: "adfs",
        clientId: client,
        credentialKind: "secret",
        credential: `${seed}-secret`,
        caCertificatePem: started.caPem,
        providerSubscriptionId: provider,
      });
      stamps.push({ registrationId: setup.registration.id, server: started.stamp, world: started.world });
    }
  });
  afterAll(async () => {
    for (const stamp of stamps) await stamp.server.close();
  });

  it("pulls each stamp once per interval and stores every reported record once", async () => {
    const url = new URL(adminUrl!);
    url.pathname = database.location.slice(database.location.indexOf("/"));
    const [first, second] = await Promise.all([runPortalProcess(url.toString()), runPortalProcess(url.toString())]);
    const pulls = [...first, ...second];
    expect(pulls.filter((pull) => pull.status === "failed")).toEqual([]);

    for (const stamp of stamps) {
      const collected = pulls.filter((pull) => pull.registrationId === stamp.registrationId && pull.status === "collected");
      const times = collected.map((pull) => Date.parse(pull.leasedAt!)).sort((a, b) => a - b);
      // The schedule ran repeatedly in both processes, and no two pulls share an interval.
      expect(times.length).toBeGreaterThanOrEqual(2);
      for (let index = 1; index < times.length; index++) expect(times[index] - times[index - 1]).toBeGreaterThanOrEqual(INTERVAL_MS);

      const sum = (field: "accepted" | "duplicate" | "rejected" | "records") => collected.reduce((total, pull) => total + (pull[field] ?? 0), 0);
      expect(sum("duplicate")).toBe(0);
      const connection = await database.prisma.stampConnection.findUniqueOrThrow({
        where: { registrationId: stamp.registrationId },
        select: { highWaterMark: true },
      });
      const firstMark = Math.floor((times[0] - 24 * HOUR_MS) / HOUR_MS) * HOUR_MS;
      const truth = recordsReportedIn(stamp.world, firstMark, connection.highWaterMark!.getTime()).length;
      expect(truth).toBeGreaterThan(0);
      expect(sum("records")).toBe(truth);
      const stored = await database.prisma.usageRecord.count({ where: { registrationId: stamp.registrationId } });
      expect(stored).toBe(sum("accepted"));
      expect(stored + sum("rejected")).toBe(truth);
    }
  }, 120_000);
});
