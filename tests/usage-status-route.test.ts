// GET /api/usage-status, which the usage page polls (TanStack Query): the caller's registrations
// with their last ingest time, scoped like the page; signed out or without usage rights, refused.
import { describe, expect, it, vi } from "vitest";
import { withTestWorld } from "./support/with-test-world";
import { testSession } from "./support/mock-session";
import { makeUsageRegistration } from "./support/usage-fixtures";
import type { World } from "./support/world";
import type { Database } from "../lib/database/open-database";

vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());
const { GET } = await import("../app/api/usage-status/route");

let database: Database;
let world: World;
withTestWorld((context) => ({ database, world } = context), { resetSession: true });

describe("GET /api/usage-status", () => {
  it("lists the caller's registrations with their last ingest time, nobody else's", async () => {
    const setup = await makeUsageRegistration(database.prisma, world);
    await database.prisma.usageBatch.create({
      data: {
        registrationId: setup.registration.id,
        recordCount: 1,
        accepted: 1,
        duplicate: 0,
        corrected: 0,
        rejected: 0,
        durationMs: 1,
        receivedAt: new Date("2026-12-07T10:00:00Z"),
      },
    });
    testSession.scope = await world.scope("direct", "BILLING_ADMIN");
    const mine = (await (await GET()).json()) as { registrations: { id: string; lastIngestAt: string | null }[] };
    expect(mine.registrations).toContainEqual(expect.objectContaining({ id: setup.registration.id, lastIngestAt: "2026-12-07T10:00:00.000Z" }));
    testSession.scope = await world.scope("otherDirect", "ADMIN_AGENT");
    const theirs = (await (await GET()).json()) as { registrations: { id: string }[] };
    expect(theirs.registrations.map((r) => r.id)).not.toContain(setup.registration.id);
    testSession.scope = null;
    expect((await GET()).status).toBe(401);
  });
});
