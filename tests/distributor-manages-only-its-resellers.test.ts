// Isolation: a distributor's admin agent manages its own users and its resellers' users (and
// suspends only its own resellers), never another distributor's resellers or a direct CSP's users.
import { describe, expect, it, vi } from "vitest";
import { testSession } from "./support/mock-session";
import { type World } from "./support/world";
import { makeDistributorWithResellers, makeUser } from "./support/factories";
import { freshEmail } from "./support/channel-fixtures";
import type { Database } from "../lib/database/open-database";
import { withTestWorld } from "./support/with-test-world";
import { makeCustomerReader } from "./support/customer-reader-fixtures";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());

const users = await import("../lib/users/actions");
const { listPartnerUsers } = await import("../lib/users/list-partner-users");
const { listResellers } = await import("../lib/partners/list-resellers");
const { getReseller } = await import("../lib/partners/get-reseller");

let database: Database;
let world: World;

withTestWorld((context) => ({ database, world } = context), { resetSession: true });

describe("a distributor's admin agent", () => {
  it("manages its resellers' users: invites, changes roles, deactivates", async () => {
    testSession.scope = await world.scope("distributor", "ADMIN_AGENT");
    const invited = await users.inviteUserAction({ partnerId: world.partners.resellerA.id, email: freshEmail(), displayName: "New", role: "BILLING_ADMIN" });
    expect(invited).toMatchObject({ ok: true, data: { partnerId: world.partners.resellerA.id } });
    const sales = await makeUser(database.prisma, { partnerId: world.partners.resellerB.id, role: "SALES_AGENT" });
    expect(await users.changeUserRoleAction({ userId: sales.id, role: "BILLING_ADMIN" })).toMatchObject({ ok: true });
    expect(await users.deactivateUserAction({ userId: sales.id })).toMatchObject({ ok: true });
    const listed = await listPartnerUsers(testSession.scope, world.partners.resellerB.id);
    expect(listed.users.find((user) => user.id === sales.id)).toMatchObject({ role: "BILLING_ADMIN", active: false });
  });

  it("can't reach another distributor's reseller or a direct CSP: NotFound, nothing changes", async () => {
    const other = await makeDistributorWithResellers(database.prisma, 1);
    const foreignReseller = other.resellers[0];
    const foreignUser = await makeUser(database.prisma, { partnerId: foreignReseller.id, role: "SALES_AGENT" });
    const directUser = world.users.direct.SALES_AGENT;
    const scope = await world.scope("distributor", "ADMIN_AGENT");
    testSession.scope = scope;

    for (const partnerId of [foreignReseller.id, world.partners.direct.id, other.distributor.id]) {
      await expect(listPartnerUsers(scope, partnerId)).rejects.toMatchObject({ code: "NotFound" });
      expect(await users.inviteUserAction({ partnerId, email: freshEmail(), displayName: "X", role: "ADMIN_AGENT" })).toMatchObject({
        ok: false,
        error: { code: "NotFound" },
      });
    }
    for (const userId of [foreignUser.id, directUser]) {
      expect(await users.deactivateUserAction({ userId })).toMatchObject({ ok: false, error: { code: "NotFound" } });
      expect(await users.changeUserRoleAction({ userId, role: "ADMIN_AGENT" })).toMatchObject({ ok: false, error: { code: "NotFound" } });
    }
    expect(await database.prisma.user.findUniqueOrThrow({ where: { id: foreignUser.id } })).toMatchObject({ role: "SALES_AGENT", active: true });
    await expect(getReseller(scope, foreignReseller.id)).rejects.toMatchObject({ code: "NotFound" });
    expect((await listResellers(scope)).map((reseller) => reseller.id).sort()).toEqual([world.partners.resellerA.id, world.partners.resellerB.id].sort());
  });

  it("can't manage operators' accounts", async () => {
    testSession.scope = await world.scope("distributor", "ADMIN_AGENT");
    expect(await users.deactivateUserAction({ userId: world.operator.id })).toMatchObject({ ok: false, error: { code: "NotFound" } });
  });

  it("the resellers list follows the Viewing switcher (narrowed to one reseller, only that one)", async () => {
    const narrowed = await world.scope("distributor", "ADMIN_AGENT", world.partners.resellerB.id);
    expect((await listResellers(narrowed)).map((reseller) => reseller.id)).toEqual([world.partners.resellerB.id]);
  });

  it("rolls up each reseller's status, customers, active users and pending invitations", async () => {
    const scope = await world.scope("distributor", "ADMIN_AGENT");
    const row = (await listResellers(scope)).find((reseller) => reseller.id === world.partners.resellerA.id);
    const expected = {
      customerCount: await database.prisma.customer.count({ where: { partnerId: world.partners.resellerA.id } }),
      activeUserCount: await database.prisma.user.count({ where: { partnerId: world.partners.resellerA.id, active: true } }),
      pendingInvitationCount: await database.prisma.userInvitation.count({
        where: { partnerId: world.partners.resellerA.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      }),
    };
    expect(row).toMatchObject({ status: "ACTIVE", ...expected });
    expect(expected.pendingInvitationCount).toBeGreaterThan(0);
  });
});

describe("customer readers in a distributor's channel", () => {
  it("the distributor invites readers for its resellers' customers, never for another partner's customer", async () => {
    testSession.scope = await world.scope("distributor", "ADMIN_AGENT");
    const ofReseller = await users.inviteCustomerReaderAction({
      customerId: world.customers.resellerA.customer.id,
      email: freshEmail(),
      displayName: "Reader",
    });
    expect(ofReseller).toMatchObject({ ok: true, data: { partnerId: world.partners.resellerA.id, role: "CUSTOMER_READER" } });
    const other = await makeDistributorWithResellers(database.prisma, 1);
    const { makeCustomer } = await import("./support/factories");
    const foreignCustomer = await makeCustomer(database.prisma, { partnerId: other.resellers[0].id });
    for (const customerId of [foreignCustomer.id, world.customers.direct.customer.id]) {
      const result = await users.inviteCustomerReaderAction({ customerId, email: freshEmail(), displayName: "X" });
      expect(result).toMatchObject({ ok: false, error: { code: "NotFound" } });
    }
  });

  it("a reader of the distributor's own customer sees no reseller and manages nothing", async () => {
    const { scope } = await makeCustomerReader(database.prisma, world, "distributor");
    expect(scope).toMatchObject({ visiblePartnerIds: [world.partners.distributor.id], manageablePartnerIds: [], resellers: [] });
    await expect(getReseller(scope, world.partners.resellerA.id)).rejects.toMatchObject({
      code: expect.stringMatching(/^(Forbidden|NotFound|NotADistributor)$/),
    });
    testSession.scope = scope;
    expect(await users.deactivateUserAction({ userId: world.users.resellerA.SALES_AGENT })).toMatchObject({ ok: false, error: { code: "NotFound" } });
  });
});

describe("who can't act as a distributor", () => {
  it("a direct CSP's and a reseller's admin agents get no resellers list", async () => {
    for (const partner of ["direct", "resellerA"] as const) {
      await expect(listResellers(await world.scope(partner, "ADMIN_AGENT"))).rejects.toMatchObject({ code: "NotADistributor" });
    }
  });
});
