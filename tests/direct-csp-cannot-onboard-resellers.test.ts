// Isolation: only a distributor (indirect provider) has resellers. A direct CSP's admin agent (and a
// reseller's) can't onboard, suspend or resume one, nor open the resellers list; nothing is written.
import { describe, expect, it, vi } from "vitest";
import { testSession } from "./support/mock-session";
import { type World } from "./support/world";
import { freshEmail, freshMpnId } from "./support/channel-fixtures";
import type { Database } from "../lib/database/open-database";
import { withTestWorld } from "./support/with-test-world";
import { makeCustomerReader } from "./support/customer-reader-fixtures";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());

const partners = await import("../lib/partners/actions");
const { listResellers } = await import("../lib/partners/list-resellers");

let database: Database;
let world: World;

withTestWorld((context) => ({ database, world } = context), { resetSession: true });

describe.each(["direct", "resellerA"] as const)("the %s admin agent", (partner) => {
  it("can't onboard a reseller (NotADistributor); no partner, invitation or audit event is written", async () => {
    testSession.scope = await world.scope(partner, "ADMIN_AGENT");
    const before = [await database.prisma.partner.count(), await database.prisma.userInvitation.count(), await database.prisma.auditEvent.count()];
    const result = await partners.onboardResellerAction({
      name: "Sneaky Reseller",
      mpnId: freshMpnId(),
      country: "US",
      adminName: "Sneaky",
      adminEmail: freshEmail("sneaky"),
    });
    expect(result).toMatchObject({ ok: false, error: { code: "NotADistributor" } });
    expect([await database.prisma.partner.count(), await database.prisma.userInvitation.count(), await database.prisma.auditEvent.count()]).toEqual(before);
  });

  it("can't suspend or resume anyone, nor list resellers", async () => {
    testSession.scope = await world.scope(partner, "ADMIN_AGENT");
    for (const action of [partners.suspendResellerAction, partners.resumeResellerAction]) {
      expect(await action({ resellerId: world.partners.resellerB.id })).toMatchObject({ ok: false, error: { code: "NotADistributor" } });
    }
    await expect(listResellers(testSession.scope)).rejects.toMatchObject({ code: "NotADistributor" });
    expect((await database.prisma.partner.findUniqueOrThrow({ where: { id: world.partners.resellerB.id } })).status).toBe("ACTIVE");
  });
});

describe("a customer reader (even of a distributor's own customer)", () => {
  it("can't onboard, suspend or resume a reseller, nor list them: NotFound, nothing written", async () => {
    const { scope } = await makeCustomerReader(database.prisma, world, "distributor");
    testSession.scope = scope;
    const before = [await database.prisma.partner.count(), await database.prisma.userInvitation.count(), await database.prisma.auditEvent.count()];
    const onboard = await partners.onboardResellerAction({
      name: "Reader's Reseller",
      mpnId: freshMpnId(),
      country: "US",
      adminName: "R",
      adminEmail: freshEmail("reader"),
    });
    expect(onboard).toMatchObject({ ok: false, error: { code: "NotFound" } });
    for (const action of [partners.suspendResellerAction, partners.resumeResellerAction]) {
      expect(await action({ resellerId: world.partners.resellerB.id })).toMatchObject({ ok: false, error: { code: "NotFound" } });
    }
    await expect(listResellers(scope)).rejects.toMatchObject({ code: expect.stringMatching(/^(Forbidden|NotADistributor)$/) });
    expect([await database.prisma.partner.count(), await database.prisma.userInvitation.count(), await database.prisma.auditEvent.count()]).toEqual(before);
  });
});
