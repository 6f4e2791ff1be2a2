// Suspending a reseller: its users can't sign in (a clear message) and lose access at once
// (resolvePartnerScope returns no scope); its data is kept; resuming restores everything. Only its
// own distributor's admin agents may do either, and both are audited.
import { describe, expect, it, vi } from "vitest";
import { testSession } from "./support/mock-session";
import { type World } from "./support/world";
import { makeDistributorWithResellers, makeUser, TEST_PASSWORD } from "./support/factories";
import { resolvePartnerScope } from "../lib/auth/partner-scope";
import type { Database } from "../lib/database/open-database";
import { withTestWorld } from "./support/with-test-world";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());

const { suspendResellerAction, resumeResellerAction } = await import("../lib/partners/actions");
const { verifyCredentials, SIGN_IN_ERRORS } = await import("../lib/auth/verify-credentials");

let database: Database;
let world: World;

withTestWorld((context) => ({ database, world } = context), { resetSession: true });

async function emailOf(userId: string) {
  return (await database.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } })).email;
}

describe("suspend and resume", () => {
  it("refuses the reseller's users at sign-in and at every request, keeps the data, and resume restores access", async () => {
    const resellerId = world.partners.resellerA.id;
    const adminId = world.users.resellerA.ADMIN_AGENT;
    const email = await emailOf(adminId);
    const customersBefore = await database.prisma.customer.count({ where: { partnerId: resellerId } });
    const usersBefore = await database.prisma.user.count({ where: { partnerId: resellerId, active: true } });
    expect(await resolvePartnerScope(database.prisma, { userId: adminId })).not.toBeNull();

    testSession.scope = await world.scope("distributor", "ADMIN_AGENT");
    expect(await suspendResellerAction({ resellerId })).toEqual({ ok: true, data: { id: resellerId, status: "SUSPENDED" } });

    for (const role of ["ADMIN_AGENT", "BILLING_ADMIN", "SALES_AGENT"] as const) {
      expect(await resolvePartnerScope(database.prisma, { userId: world.users.resellerA[role] })).toBeNull();
    }
    await expect(verifyCredentials(database.prisma, { email, password: TEST_PASSWORD, ip: "10.0.0.1" })).rejects.toThrow(SIGN_IN_ERRORS.resellerSuspended);
    // Other resellers and the distributor are untouched.
    expect(await resolvePartnerScope(database.prisma, { userId: world.users.resellerB.ADMIN_AGENT })).not.toBeNull();
    const distributorScope = await resolvePartnerScope(database.prisma, { userId: world.users.distributor.ADMIN_AGENT });
    expect(distributorScope?.resellers.map((reseller) => reseller.id)).toContain(resellerId);

    // Data kept: customers, users (still active), nothing deleted.
    expect(await database.prisma.customer.count({ where: { partnerId: resellerId } })).toBe(customersBefore);
    expect(await database.prisma.user.count({ where: { partnerId: resellerId, active: true } })).toBe(usersBefore);

    const audit = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "partner.suspend", targetId: resellerId } });
    expect(audit).toMatchObject({
      actorUserId: world.users.distributor.ADMIN_AGENT,
      partnerId: resellerId,
      before: { status: "ACTIVE" },
      after: { status: "SUSPENDED" },
    });

    expect(await resumeResellerAction({ resellerId })).toEqual({ ok: true, data: { id: resellerId, status: "ACTIVE" } });
    expect(await resolvePartnerScope(database.prisma, { userId: adminId })).toMatchObject({ partnerId: resellerId });
    await expect(verifyCredentials(database.prisma, { email, password: TEST_PASSWORD, ip: "10.0.0.1" })).resolves.toMatchObject({ id: adminId });
    expect(await database.prisma.auditEvent.count({ where: { action: "partner.resume", targetId: resellerId } })).toBe(1);
  });

  it("suspending twice changes (and audits) nothing the second time", async () => {
    const resellerId = world.partners.resellerB.id;
    testSession.scope = await world.scope("distributor", "ADMIN_AGENT");
    await suspendResellerAction({ resellerId });
    await suspendResellerAction({ resellerId });
    expect(await database.prisma.auditEvent.count({ where: { action: "partner.suspend", targetId: resellerId } })).toBe(1);
    await resumeResellerAction({ resellerId });
  });

  it("a suspended distributor's resellers are refused too (sign-in and scope)", async () => {
    const { distributor, resellers } = await makeDistributorWithResellers(database.prisma, 1);
    const user = await makeUser(database.prisma, { partnerId: resellers[0].id, role: "SALES_AGENT" });
    await database.prisma.partner.update({ where: { id: distributor.id }, data: { status: "SUSPENDED" } });
    expect(await resolvePartnerScope(database.prisma, { userId: user.id })).toBeNull();
    await expect(verifyCredentials(database.prisma, { email: user.email, password: TEST_PASSWORD, ip: "10.0.0.2" })).rejects.toThrow(
      SIGN_IN_ERRORS.resellerSuspended,
    );
  });
});

describe("who may suspend", () => {
  it.each([
    ["the reseller's own admin agent", "resellerA", "ADMIN_AGENT", "NotADistributor"],
    ["a sibling reseller's admin agent", "resellerB", "ADMIN_AGENT", "NotADistributor"],
    ["a direct CSP's admin agent", "direct", "ADMIN_AGENT", "NotADistributor"],
    ["the distributor's billing admin", "distributor", "BILLING_ADMIN", "Forbidden"],
    ["the distributor's sales agent", "distributor", "SALES_AGENT", "Forbidden"],
  ] as const)("refuses %s", async (_label, partner, role, code) => {
    testSession.scope = await world.scope(partner, role);
    expect(await suspendResellerAction({ resellerId: world.partners.resellerA.id })).toMatchObject({ ok: false, error: { code } });
    expect((await database.prisma.partner.findUniqueOrThrow({ where: { id: world.partners.resellerA.id } })).status).toBe("ACTIVE");
  });

  it("another distributor's reseller, a direct CSP or the distributor itself is not found", async () => {
    const other = await makeDistributorWithResellers(database.prisma, 1);
    testSession.scope = await world.scope("distributor", "ADMIN_AGENT");
    for (const resellerId of [other.resellers[0].id, world.partners.direct.id, world.partners.distributor.id]) {
      expect(await suspendResellerAction({ resellerId })).toMatchObject({ ok: false, error: { code: "NotFound" } });
      expect((await database.prisma.partner.findUniqueOrThrow({ where: { id: resellerId } })).status).toBe("ACTIVE");
    }
  });
});
