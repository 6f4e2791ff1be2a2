// A registration's stamp connection: stored with its secret encrypted (never returned, never in
// the audit log), tried step by step against a stamp that signs callers in (the simulator over TLS
// with its own CA, AD FS style), the identity provider's own error shown for a wrong secret, and
// another partner's registration unreachable.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTestWorld } from "./support/with-test-world";
import { makeApssSubscription } from "./support/factories";
import { makeRegistration } from "./support/registration-fixtures";
import type { World } from "./support/world";
import type { Database } from "../lib/database/open-database";
import type { Registration } from "../generated/prisma/client";
import { guidFor } from "../lib/stamp-simulator";
import { type RunningServer } from "../lib/stamp-simulator/http-server";
import { saveStampConnection } from "../lib/stamps/save-stamp-connection";
import { getStampConnection } from "../lib/stamps/get-stamp-connection";
import { testStampConnection } from "../lib/stamps/test-stamp-connection";
import { startSignedInStamp } from "./support/signed-in-stamp";

let database: Database;
let world: World;
withTestWorld((context) => ({ database, world } = context));

const SECRET = "collector-secret-value";
const CLIENT = randomUUID();
const PROVIDER = guidFor("connections:provider");
let stamp: RunningServer;
let caPem: string;
let registration: Registration;

beforeAll(async () => {
  process.env.STACKCENTER_SECRET_KEY = "stamp-connections-test-key";
  ({ stamp, caPem } = await startSignedInStamp({
    seed: "connections",
    system: "adfs",
    clients: [{ clientId: CLIENT, secret: SECRET }],
    providerSubscriptionId: PROVIDER,
    days: 3,
  }));
  const apss = await makeApssSubscription(database.prisma, world.partners.direct.id);
  registration = await makeRegistration(database.prisma, { partnerId: world.partners.direct.id, subscriptionId: apss.id });
});
afterAll(() => stamp.close());

const input = (overrides: Record<string, unknown> = {}) => ({
  registrationId: registration.id,
  armEndpoint: stamp.url,
  identitySystem: "ADFS" as const,
  clientId: CLIENT,
  credentialKind: "secret" as const,
  credential: SECRET,
  caCertificatePem: caPem,
  providerSubscriptionId: PROVIDER,
  ...overrides,
});

describe("stamp connections", () => {
  it("stores the secret encrypted, never returns it and never audits it", async () => {
    const scope = await world.scope("direct", "ADMIN_AGENT");
    await saveStampConnection(scope, input());
    const row = await database.prisma.stampConnection.findUniqueOrThrow({ where: { registrationId: registration.id } });
    expect(row.credentialCiphertext.startsWith("v1:")).toBe(true);
    expect(row.credentialCiphertext).not.toContain(SECRET);
    expect(JSON.stringify(await getStampConnection(scope, registration.id))).not.toContain(SECRET);
    const events = await database.prisma.auditEvent.findMany({ where: { targetId: registration.id, action: { startsWith: "stamp.connection." } } });
    expect(events.map((event) => event.action)).toEqual(["stamp.connection.create"]);
    expect(JSON.stringify(events)).not.toContain(SECRET);
  });

  it("tries the connection step by step: metadata, a token, an hour of usage", async () => {
    const steps = await testStampConnection(await world.scope("direct", "ADMIN_AGENT"), registration.id);
    expect(steps.map((step) => [step.step, step.ok])).toEqual([
      ["metadata", true],
      ["token", true],
      ["usage", true],
    ]);
  });

  it("shows the identity provider's own error for a wrong secret, and a TLS error without the stamp's CA", async () => {
    const scope = await world.scope("direct", "ADMIN_AGENT");
    await saveStampConnection(scope, input({ credential: "wrong-secret" }));
    const wrong = await testStampConnection(scope, registration.id);
    expect(wrong.at(-1)).toMatchObject({ step: "token", ok: false, detail: expect.stringContaining("MSIS9609") });
    await saveStampConnection(scope, input({ caCertificatePem: "" }));
    const untrusted = await testStampConnection(scope, registration.id);
    expect(untrusted).toEqual([{ step: "metadata", ok: false, detail: expect.stringMatching(/certificate|SELF_SIGNED|self-signed/i) }]);
    // An empty secret keeps the stored one (the right one, saved just before).
    await saveStampConnection(scope, input({ credential: "" }));
    expect((await testStampConnection(scope, registration.id)).every((step) => step.ok)).toBe(true);
  });

  it("keeps another partner's registration out of reach", async () => {
    const intruder = await world.scope("otherDirect", "ADMIN_AGENT");
    await expect(saveStampConnection(intruder, input())).rejects.toMatchObject({ code: "NotFound" });
    await expect(testStampConnection(intruder, registration.id)).rejects.toMatchObject({ code: "NotFound" });
    await expect(getStampConnection(intruder, registration.id)).rejects.toMatchObject({ code: "NotFound" });
  });
});
