// The last ACTIVE admin agent of a partner can't be deactivated or demoted (LastAdmin); nobody
// changes their own role or deactivates themselves (OwnAccount); every change is audited.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { testSession } from "./support/mock-session";
import { makeDistributorWithResellers, makePartner, makeUser } from "./support/factories";
import { scopeOf } from "./support/channel-fixtures";
import type { Database } from "../lib/database/open-database";
import { withTestDatabase } from "./support/with-test-world";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());

const { changeUserRoleAction, deactivateUserAction, reactivateUserAction } = await import("../lib/users/actions");

let database: Database;

withTestDatabase((created) => {
  database = created;
});
beforeEach(() => {
  testSession.scope = null;
});

/** A distributor with one reseller whose only admin agent is `admin`; the distributor's admin acts. */
async function resellerWithOneAdmin() {
  const { distributor, resellers } = await makeDistributorWithResellers(database.prisma, 1);
  const reseller = resellers[0];
  const admin = await makeUser(database.prisma, { partnerId: reseller.id, role: "ADMIN_AGENT" });
  const sales = await makeUser(database.prisma, { partnerId: reseller.id, role: "SALES_AGENT" });
  const distributorAdmin = await makeUser(database.prisma, { partnerId: distributor.id, role: "ADMIN_AGENT" });
  return { reseller, admin, sales, distributorScope: await scopeOf(database.prisma, distributorAdmin.id) };
}

const stored = (id: string) => database.prisma.user.findUniqueOrThrow({ where: { id }, select: { role: true, active: true } });

describe("the last active admin agent", () => {
  it("can't be deactivated (LastAdmin), and nothing changes", async () => {
    const { admin, distributorScope } = await resellerWithOneAdmin();
    testSession.scope = distributorScope;
    const result = await deactivateUserAction({ userId: admin.id });
    expect(result).toMatchObject({ ok: false, error: { code: "LastAdmin", message: expect.stringContaining("last active admin agent") } });
    expect(await stored(admin.id)).toEqual({ role: "ADMIN_AGENT", active: true });
    expect(await database.prisma.auditEvent.count({ where: { targetId: admin.id } })).toBe(0);
  });

  it("can't be demoted to another role (LastAdmin)", async () => {
    const { admin, distributorScope } = await resellerWithOneAdmin();
    testSession.scope = distributorScope;
    for (const role of ["BILLING_ADMIN", "SALES_AGENT"]) {
      expect(await changeUserRoleAction({ userId: admin.id, role })).toMatchObject({ ok: false, error: { code: "LastAdmin" } });
    }
    expect(await stored(admin.id)).toEqual({ role: "ADMIN_AGENT", active: true });
  });

  it("a deactivated admin doesn't count: with one active and one deactivated admin, the active one is still the last", async () => {
    const { reseller, admin, distributorScope } = await resellerWithOneAdmin();
    await makeUser(database.prisma, { partnerId: reseller.id, role: "ADMIN_AGENT", active: false });
    testSession.scope = distributorScope;
    expect(await deactivateUserAction({ userId: admin.id })).toMatchObject({ ok: false, error: { code: "LastAdmin" } });
  });

  it("once another admin exists, the first can be demoted and deactivated (audited), and then the other is the last", async () => {
    const { admin, sales, distributorScope } = await resellerWithOneAdmin();
    testSession.scope = distributorScope;
    expect(await changeUserRoleAction({ userId: sales.id, role: "ADMIN_AGENT" })).toEqual({ ok: true, data: { id: sales.id, role: "ADMIN_AGENT" } });
    expect(await changeUserRoleAction({ userId: admin.id, role: "BILLING_ADMIN" })).toEqual({ ok: true, data: { id: admin.id, role: "BILLING_ADMIN" } });
    expect(await deactivateUserAction({ userId: admin.id })).toEqual({ ok: true, data: { id: admin.id, active: false } });
    expect(await stored(admin.id)).toEqual({ role: "BILLING_ADMIN", active: false });

    const actions = (await database.prisma.auditEvent.findMany({ where: { targetId: { in: [admin.id, sales.id] } }, orderBy: { createdAt: "asc" } })).map(
      (event) => event.action,
    );
    expect(actions).toEqual(["user.changeRole", "user.changeRole", "user.deactivate"]);

    expect(await deactivateUserAction({ userId: sales.id })).toMatchObject({ ok: false, error: { code: "LastAdmin" } });
    expect(await reactivateUserAction({ userId: admin.id })).toEqual({ ok: true, data: { id: admin.id, active: true } });
    expect(await database.prisma.auditEvent.count({ where: { action: "user.reactivate", targetId: admin.id } })).toBe(1);
  });

  it("two admins deactivating each other at the same moment: one succeeds, the other gets LastAdmin", async () => {
    const partner = await makePartner(database.prisma, { kind: "DIRECT_CSP" });
    const first = await makeUser(database.prisma, { partnerId: partner.id, role: "ADMIN_AGENT" });
    const second = await makeUser(database.prisma, { partnerId: partner.id, role: "ADMIN_AGENT" });
    const { deactivateUser } = await import("./support/channel-direct-calls");
    const [firstScope, secondScope] = [await scopeOf(database.prisma, first.id), await scopeOf(database.prisma, second.id)];
    const results = await Promise.allSettled([deactivateUser(firstScope, second.id), deactivateUser(secondScope, first.id)]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.find((result) => result.status === "rejected")).toMatchObject({ reason: { code: "LastAdmin" } });
    expect(await database.prisma.user.count({ where: { partnerId: partner.id, role: "ADMIN_AGENT", active: true } })).toBe(1);
  });
});

describe("one's own account", () => {
  it("can't change its own role or deactivate itself (OwnAccount), even with other admins around", async () => {
    const partner = await makePartner(database.prisma, { kind: "DIRECT_CSP" });
    const me = await makeUser(database.prisma, { partnerId: partner.id, role: "ADMIN_AGENT" });
    await makeUser(database.prisma, { partnerId: partner.id, role: "ADMIN_AGENT" });
    testSession.scope = await scopeOf(database.prisma, me.id);
    expect(await changeUserRoleAction({ userId: me.id, role: "SALES_AGENT" })).toMatchObject({ ok: false, error: { code: "OwnAccount" } });
    expect(await deactivateUserAction({ userId: me.id })).toMatchObject({ ok: false, error: { code: "OwnAccount" } });
    expect(await stored(me.id)).toEqual({ role: "ADMIN_AGENT", active: true });
  });

  it("a deactivated user loses access at once", async () => {
    const partner = await makePartner(database.prisma, { kind: "DIRECT_CSP" });
    const admin = await makeUser(database.prisma, { partnerId: partner.id, role: "ADMIN_AGENT" });
    const sales = await makeUser(database.prisma, { partnerId: partner.id, role: "SALES_AGENT" });
    testSession.scope = await scopeOf(database.prisma, admin.id);
    expect((await deactivateUserAction({ userId: sales.id })).ok).toBe(true);
    const { resolvePartnerScope } = await import("../lib/auth/partner-scope");
    expect(await resolvePartnerScope(database.prisma, { userId: sales.id })).toBeNull();
  });
});
