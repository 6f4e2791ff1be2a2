// Isolation: a reseller manages its own users only. Reseller A can't list, invite into, change,
// deactivate, re-issue or revoke anything of reseller B or of its distributor; foreign ids are
// simply not found, and nothing changes.
import { describe, expect, it, vi } from "vitest";
import { testSession } from "./support/mock-session";
import { type World } from "./support/world";
import { freshEmail, tokenOf } from "./support/channel-fixtures";
import type { Database } from "../lib/database/open-database";
import { withTestWorld } from "./support/with-test-world";
import { makeCustomerReader } from "./support/customer-reader-fixtures";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());

const users = await import("../lib/users/actions");
const { listPartnerUsers } = await import("../lib/users/list-partner-users");

let database: Database;
let world: World;

withTestWorld((context) => ({ database, world } = context), { resetSession: true });

async function pendingInvitationOf(partner: "resellerB" | "distributor") {
  testSession.scope = await world.scope(partner, "ADMIN_AGENT");
  const result = await users.inviteUserAction({ partnerId: world.partners[partner].id, email: freshEmail(), displayName: "Pending", role: "SALES_AGENT" });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return { id: result.data.id, token: tokenOf(result.data.invitePath) };
}

const snapshot = async () => ({
  users: await database.prisma.user.findMany({ select: { id: true, role: true, active: true }, orderBy: { id: "asc" } }),
  invitations: await database.prisma.userInvitation.findMany({ select: { id: true, revokedAt: true, acceptedAt: true }, orderBy: { id: "asc" } }),
});

describe.each(["resellerB", "distributor"] as const)("reseller A's admin agent against %s", (target) => {
  it("can't list its users", async () => {
    const scope = await world.scope("resellerA", "ADMIN_AGENT");
    await expect(listPartnerUsers(scope, world.partners[target].id)).rejects.toMatchObject({ code: "NotFound" });
  });

  it("can't invite into it, change a role, deactivate, reactivate, re-issue or revoke: NotFound, nothing changes", async () => {
    const invitation = await pendingInvitationOf(target);
    const before = await snapshot();
    testSession.scope = await world.scope("resellerA", "ADMIN_AGENT");
    const victim = world.users[target].SALES_AGENT;
    const attempts = [
      await users.inviteUserAction({ partnerId: world.partners[target].id, email: freshEmail(), displayName: "Intruder", role: "ADMIN_AGENT" }),
      await users.changeUserRoleAction({ userId: victim, role: "ADMIN_AGENT" }),
      await users.changeUserRoleAction({ userId: world.users[target].ADMIN_AGENT, role: "SALES_AGENT" }),
      await users.deactivateUserAction({ userId: victim }),
      await users.reactivateUserAction({ userId: victim }),
      await users.reissueInvitationAction({ invitationId: invitation.id }),
      await users.revokeInvitationAction({ invitationId: invitation.id }),
    ];
    for (const attempt of attempts) expect(attempt).toMatchObject({ ok: false, error: { code: "NotFound" } });
    expect(await snapshot()).toEqual(before);
  });
});

describe("customer readers and reseller A's admin agent", () => {
  it("reseller A can't invite a customer reader for reseller B's or the distributor's customer: NotFound, nothing changes", async () => {
    testSession.scope = await world.scope("resellerA", "ADMIN_AGENT");
    const before = await snapshot();
    for (const target of ["resellerB", "distributor"] as const) {
      const result = await users.inviteCustomerReaderAction({ customerId: world.customers[target].customer.id, email: freshEmail(), displayName: "Intruder" });
      expect(result).toMatchObject({ ok: false, error: { code: "NotFound" } });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("reseller A can't deactivate reseller B's customer reader; a customer reader manages no one, not even its own partner's users", async () => {
    const { userId, scope } = await makeCustomerReader(database.prisma, world, "resellerB");
    testSession.scope = await world.scope("resellerA", "ADMIN_AGENT");
    expect(await users.deactivateUserAction({ userId })).toMatchObject({ ok: false, error: { code: "NotFound" } });
    testSession.scope = scope;
    const before = await snapshot();
    expect(await users.deactivateUserAction({ userId: world.users.resellerB.SALES_AGENT })).toMatchObject({ ok: false, error: { code: "NotFound" } });
    expect(await users.inviteUserAction({ partnerId: world.partners.resellerB.id, email: freshEmail(), displayName: "X", role: "ADMIN_AGENT" })).toMatchObject({
      ok: false,
      error: { code: "NotFound" },
    });
    await expect(listPartnerUsers(scope, world.partners.resellerB.id)).rejects.toMatchObject({ code: "Forbidden" });
    expect(await snapshot()).toEqual(before);
  });
});

describe("what a reseller does see", () => {
  it("lists exactly its own users, never another partner's", async () => {
    const scope = await world.scope("resellerA", "ADMIN_AGENT");
    const listed = await listPartnerUsers(scope, world.partners.resellerA.id);
    const own = await database.prisma.user.findMany({ where: { partnerId: world.partners.resellerA.id }, select: { id: true } });
    expect(listed.users.map((user) => user.id).sort()).toEqual(own.map((user) => user.id).sort());
    expect(scope.manageablePartnerIds).toEqual([world.partners.resellerA.id]);
  });

  it("billing admins and sales agents of a reseller manage no users, not even their own partner's", async () => {
    for (const role of ["BILLING_ADMIN", "SALES_AGENT"] as const) {
      testSession.scope = await world.scope("resellerA", role);
      expect(
        await users.inviteUserAction({ partnerId: world.partners.resellerA.id, email: freshEmail(), displayName: "X", role: "SALES_AGENT" }),
      ).toMatchObject({ ok: false, error: { code: "Forbidden" } });
      await expect(listPartnerUsers(testSession.scope, world.partners.resellerA.id)).rejects.toMatchObject({ code: "Forbidden" });
    }
  });
});
