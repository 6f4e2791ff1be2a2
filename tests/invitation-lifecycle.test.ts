// An invitation's life: issued with only its SHA-256 hash stored, accepted once (the user created
// active, atomically, audited), refused when used, expired or revoked (each with its own code, never
// a 500), re-issued (the old link dies), and for a suspended partner.
import { createHash } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import bcrypt from "bcryptjs";
import { testSession } from "./support/mock-session";
import { type World } from "./support/world";
import { freshEmail, GOOD_PASSWORD, scopeOf, tokenOf } from "./support/channel-fixtures";
import type { Database } from "../lib/database/open-database";
import { withTestWorld } from "./support/with-test-world";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());

const { inviteUserAction, reissueInvitationAction, revokeInvitationAction, acceptInvitationAction } = await import("../lib/users/actions");
const { lookUpInvitation } = await import("../lib/users/accept-invitation");
const { verifyCredentials } = await import("../lib/auth/verify-credentials");

let database: Database;
let world: World;

withTestWorld((context) => ({ database, world } = context), { resetSession: true });

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

async function invite(partner: "resellerA" | "direct" = "resellerA", role = "SALES_AGENT") {
  testSession.scope = await world.scope(partner, "ADMIN_AGENT");
  const email = freshEmail("invitee");
  const result = await inviteUserAction({ partnerId: world.partners[partner].id, email, displayName: "Invited Person", role });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  testSession.scope = null;
  return { ...result.data, token: tokenOf(result.data.invitePath) };
}

const accept = (token: string, overrides: Record<string, unknown> = {}) =>
  acceptInvitationAction({ token, displayName: "Chosen Name", password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD, ...overrides });

describe("issuing", () => {
  it("stores only the token's SHA-256 hash and audits without it", async () => {
    const issued = await invite();
    const row = await database.prisma.userInvitation.findUniqueOrThrow({ where: { id: issued.id } });
    expect(row.tokenHash).toBe(sha256(issued.token));
    expect(JSON.stringify(row)).not.toContain(issued.token);
    const audit = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "invitation.create", targetId: issued.id } });
    expect(JSON.stringify(audit)).not.toContain(issued.token);
    expect(JSON.stringify(audit)).not.toContain(row.tokenHash);
    expect(audit.partnerId).toBe(world.partners.resellerA.id);
  });

  it("refuses an email already used by a user or a pending invitation (EmailInUse)", async () => {
    testSession.scope = await world.scope("resellerA", "ADMIN_AGENT");
    const user = await database.prisma.user.findUniqueOrThrow({ where: { id: world.users.resellerB.SALES_AGENT } });
    const taken = await inviteUserAction({ partnerId: world.partners.resellerA.id, email: user.email, displayName: "X", role: "SALES_AGENT" });
    expect(taken).toMatchObject({ ok: false, error: { code: "EmailInUse", fields: { email: expect.any(String) } } });
    const issued = await invite();
    testSession.scope = await world.scope("resellerA", "ADMIN_AGENT");
    const again = await inviteUserAction({ partnerId: world.partners.resellerA.id, email: issued.email, displayName: "X", role: "SALES_AGENT" });
    expect(again).toMatchObject({ ok: false, error: { code: "EmailInUse" } });
  });

  it("refuses the OPERATOR role and a malformed email on their fields", async () => {
    testSession.scope = await world.scope("resellerA", "ADMIN_AGENT");
    const result = await inviteUserAction({ partnerId: world.partners.resellerA.id, email: "nope", displayName: "X", role: "OPERATOR" });
    expect(result).toMatchObject({ ok: false, error: { code: "ValidationFailed", fields: { email: expect.any(String), role: expect.any(String) } } });
  });
});

describe("accepting", () => {
  it("shows the partner and email, then creates the active user with the chosen name and password, once", async () => {
    const issued = await invite("resellerA", "BILLING_ADMIN");
    await expect(lookUpInvitation(issued.token)).resolves.toMatchObject({
      partnerName: world.partners.resellerA.name,
      email: issued.email,
      role: "BILLING_ADMIN",
      problem: null,
    });

    expect(await accept(issued.token)).toEqual({ ok: true, data: { email: issued.email } });
    const user = await database.prisma.user.findUniqueOrThrow({ where: { email: issued.email } });
    expect(user).toMatchObject({ displayName: "Chosen Name", role: "BILLING_ADMIN", partnerId: world.partners.resellerA.id, active: true });
    expect(await bcrypt.compare(GOOD_PASSWORD, user.passwordHash)).toBe(true);
    const row = await database.prisma.userInvitation.findUniqueOrThrow({ where: { id: issued.id } });
    expect(row.acceptedAt).not.toBeNull();
    expect(row.acceptedUserId).toBe(user.id);
    const audit = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "invitation.accept", targetId: issued.id } });
    expect(audit).toMatchObject({ actorUserId: user.id, partnerId: world.partners.resellerA.id });
    expect(JSON.stringify(audit)).not.toContain(GOOD_PASSWORD);

    // They can sign in, and their scope is their reseller's.
    await expect(verifyCredentials(database.prisma, { email: issued.email, password: GOOD_PASSWORD, ip: "1" })).resolves.toMatchObject({ id: user.id });
    expect((await scopeOf(database.prisma, user.id)).partnerId).toBe(world.partners.resellerA.id);

    // A second use is refused with its own code, and creates nothing.
    const users = await database.prisma.user.count();
    expect(await accept(issued.token, { displayName: "Someone Else" })).toMatchObject({ ok: false, error: { code: "InvitationUsed" } });
    expect(await database.prisma.user.count()).toBe(users);
    await expect(lookUpInvitation(issued.token)).resolves.toMatchObject({ problem: { code: "InvitationUsed" } });
  });

  it("of two simultaneous accepts, exactly one creates the user", async () => {
    const issued = await invite();
    const results = await Promise.all([accept(issued.token), accept(issued.token)]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toMatchObject({ ok: false, error: { code: expect.stringMatching(/InvitationUsed|EmailInUse/) } });
    expect(await database.prisma.user.count({ where: { email: issued.email } })).toBe(1);
  });

  it("refuses an expired invitation (InvitationExpired), creating nothing", async () => {
    const issued = await invite();
    await database.prisma.userInvitation.update({ where: { id: issued.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await accept(issued.token)).toMatchObject({ ok: false, error: { code: "InvitationExpired" } });
    expect(await database.prisma.user.count({ where: { email: issued.email } })).toBe(0);
    await expect(lookUpInvitation(issued.token)).resolves.toMatchObject({ problem: { code: "InvitationExpired" } });
  });

  it("refuses an unknown, garbled or empty token (InvitationNotFound / validation), never a 500", async () => {
    expect(await accept("sci_" + "A".repeat(43))).toMatchObject({ ok: false, error: { code: "InvitationNotFound" } });
    expect(await accept("'; drop table users; --")).toMatchObject({ ok: false, error: { code: "InvitationNotFound" } });
    expect(await accept("")).toMatchObject({ ok: false, error: { code: "ValidationFailed" } });
    await expect(lookUpInvitation("nonsense")).rejects.toMatchObject({ code: "InvitationNotFound" });
  });

  it("applies the password rules (≥ 12 characters, ≤ 72 bytes, both entries equal) on their fields", async () => {
    const issued = await invite();
    expect(await accept(issued.token, { password: "short", confirmPassword: "short" })).toMatchObject({
      ok: false,
      error: { code: "ValidationFailed", fields: { password: "Password must be at least 12 characters." } },
    });
    const long = "é".repeat(40);
    expect(await accept(issued.token, { password: long, confirmPassword: long })).toMatchObject({
      ok: false,
      error: { fields: { password: expect.stringContaining("72 bytes") } },
    });
    expect(await accept(issued.token, { confirmPassword: "something else entirely" })).toMatchObject({
      ok: false,
      error: { fields: { confirmPassword: "The two passwords don't match." } },
    });
    expect(await database.prisma.user.count({ where: { email: issued.email } })).toBe(0);
    // The invitation is still usable after refused attempts.
    expect((await accept(issued.token)).ok).toBe(true);
  });

  it("refuses while the partner is suspended (PartnerSuspended), and works again once resumed", async () => {
    const issued = await invite("direct");
    await database.prisma.partner.update({ where: { id: world.partners.direct.id }, data: { status: "SUSPENDED" } });
    try {
      expect(await accept(issued.token)).toMatchObject({ ok: false, error: { code: "PartnerSuspended" } });
    } finally {
      await database.prisma.partner.update({ where: { id: world.partners.direct.id }, data: { status: "ACTIVE" } });
    }
    expect((await accept(issued.token)).ok).toBe(true);
  });
});

describe("revoking and re-issuing", () => {
  it("a revoked invitation's link is refused (InvitationRevoked); revoking is audited", async () => {
    const issued = await invite();
    testSession.scope = await world.scope("resellerA", "ADMIN_AGENT");
    expect((await revokeInvitationAction({ invitationId: issued.id })).ok).toBe(true);
    expect(await database.prisma.auditEvent.count({ where: { action: "invitation.revoke", targetId: issued.id } })).toBe(1);
    expect(await accept(issued.token)).toMatchObject({ ok: false, error: { code: "InvitationRevoked" } });
    expect(await database.prisma.user.count({ where: { email: issued.email } })).toBe(0);
  });

  it("re-issuing gives a new link for the same person and kills the old one", async () => {
    const issued = await invite("resellerA", "ADMIN_AGENT");
    testSession.scope = await world.scope("distributor", "ADMIN_AGENT"); // the distributor manages its reseller's users
    const again = await reissueInvitationAction({ invitationId: issued.id });
    if (!again.ok) throw new Error(JSON.stringify(again.error));
    const newToken = tokenOf(again.data.invitePath);
    expect(newToken).not.toBe(issued.token);
    expect(again.data).toMatchObject({ email: issued.email, role: "ADMIN_AGENT", partnerId: world.partners.resellerA.id });
    expect(await database.prisma.auditEvent.count({ where: { action: "invitation.reissue", targetId: again.data.id } })).toBe(1);

    expect(await accept(issued.token)).toMatchObject({ ok: false, error: { code: "InvitationRevoked" } });
    expect((await accept(newToken)).ok).toBe(true);
    // An accepted invitation can be neither re-issued nor revoked.
    expect(await reissueInvitationAction({ invitationId: again.data.id })).toMatchObject({ ok: false, error: { code: "InvitationUsed" } });
    expect(await revokeInvitationAction({ invitationId: again.data.id })).toMatchObject({ ok: false, error: { code: "InvitationUsed" } });
  });

  it("an expired invitation can be re-issued", async () => {
    const issued = await invite();
    await database.prisma.userInvitation.update({ where: { id: issued.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    testSession.scope = await world.scope("resellerA", "ADMIN_AGENT");
    const again = await reissueInvitationAction({ invitationId: issued.id });
    if (!again.ok) throw new Error(JSON.stringify(again.error));
    expect((await accept(tokenOf(again.data.invitePath))).ok).toBe(true);
  });
});
