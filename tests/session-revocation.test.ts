// Sign-out, a role change and deactivation end a user's sessions: tokens carry the session version
// they were issued with, and the scope is refused once the user's version has moved on.
import { describe, expect, it, vi } from "vitest";
import { type World } from "./support/world";
import { resolvePartnerScope } from "../lib/auth/partner-scope";
import { endSignedOutSession } from "../lib/auth/end-signed-out-session";
import { changeUserRole } from "../lib/users/change-user-role";
import { setUserActive } from "../lib/users/set-user-active";
import type { Database } from "../lib/database/open-database";
import { withTestWorld } from "./support/with-test-world";

let database: Database;
let world: World;

withTestWorld((context) => ({ database, world } = context));

const versionOf = async (userId: string) =>
  (await database.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } })).sessionVersion;

describe("session versions", () => {
  it("a session resolves only with the user's current version; API tokens don't carry one", async () => {
    const userId = world.users.direct.BILLING_ADMIN;
    const current = await versionOf(userId);
    expect(await resolvePartnerScope(database.prisma, { userId, sessionVersion: current })).not.toBeNull();
    expect(await resolvePartnerScope(database.prisma, { userId, sessionVersion: current + 1 })).toBeNull();
    expect(await resolvePartnerScope(database.prisma, { userId, sessionVersion: -1 })).toBeNull();
    expect(await resolvePartnerScope(database.prisma, { userId })).not.toBeNull();
  });

  it("sign-out ends every session of the user, audited; a revoked token can't sign out again", async () => {
    const userId = world.users.direct.SALES_AGENT;
    const version = await versionOf(userId);
    const token = { userId, role: "SALES_AGENT" as const, partnerId: world.partners.direct.id, sessionVersion: version };
    await endSignedOutSession(token);
    expect(await versionOf(userId)).toBe(version + 1);
    expect(await resolvePartnerScope(database.prisma, { userId, sessionVersion: version })).toBeNull();
    const events = await database.prisma.auditEvent.findMany({ where: { action: "user.signOut", targetId: userId } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorUserId: userId, partnerId: world.partners.direct.id, targetType: "User" });

    // The copied old cookie replayed at sign-out changes nothing (the new session stays valid).
    await endSignedOutSession(token);
    expect(await versionOf(userId)).toBe(version + 1);
    await endSignedOutSession(null);
  });

  it("next-auth's signOut event is wired to it", async () => {
    const { authOptions } = await import("../lib/auth/auth-options");
    const userId = world.users.otherDirect.SALES_AGENT;
    const version = await versionOf(userId);
    const token = { userId, role: "SALES_AGENT" as const, partnerId: world.partners.otherDirect.id, sessionVersion: version };
    await authOptions.events?.signOut?.({ token, session: null as never });
    expect(await versionOf(userId)).toBe(version + 1);
    // And the version goes into the token at sign-in.
    const jwt = await authOptions.callbacks?.jwt?.({
      token: { userId: "", role: "SALES_AGENT", partnerId: null },
      user: { id: userId, role: "SALES_AGENT", partnerId: null, sessionVersion: 7 } as never,
      account: null,
    });
    expect(jwt).toMatchObject({ userId, sessionVersion: 7 });
  });

  it("a role change and a deactivation end the user's sessions", async () => {
    const admin = await world.scope("distributor", "ADMIN_AGENT");
    const userId = world.users.distributor.SALES_AGENT;
    const before = await versionOf(userId);
    await changeUserRole(admin, userId, "BILLING_ADMIN");
    expect(await versionOf(userId)).toBe(before + 1);
    expect(await resolvePartnerScope(database.prisma, { userId, sessionVersion: before })).toBeNull();
    await setUserActive(admin, userId, false);
    await setUserActive(admin, userId, true);
    expect(await versionOf(userId)).toBe(before + 3);
    // Reactivation doesn't bring the sessions from before the deactivation back.
    expect(await resolvePartnerScope(database.prisma, { userId, sessionVersion: before + 1 })).toBeNull();
  });

  it("the session cookie is Secure exactly when the public origin is https", async () => {
    vi.resetModules();
    vi.stubEnv("NEXTAUTH_URL", "https://portal.example");
    expect((await import("../lib/auth/auth-options")).authOptions.useSecureCookies).toBe(true);
    vi.resetModules();
    vi.stubEnv("NEXTAUTH_URL", "http://127.0.0.1:3000");
    expect((await import("../lib/auth/auth-options")).authOptions.useSecureCookies).toBe(false);
    vi.unstubAllEnvs();
  });
});
