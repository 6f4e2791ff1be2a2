import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "./support/test-database";
import { makeWorld, type World } from "./support/world";
import { resolvePartnerScope } from "../lib/auth/partner-scope";
import type { Database } from "../lib/database/open-database";

let database: Database;
let world: World;

beforeAll(async () => {
  database = await createTestDatabase();
  world = await makeWorld(database.prisma);
});
afterAll(() => database.close());

describe("resolvePartnerScope", () => {
  it("a direct CSP sees only itself", async () => {
    const scope = await world.scope("direct", "ADMIN_AGENT");
    expect(scope.visiblePartnerIds).toEqual([world.partners.direct.id]);
    expect(scope.manageablePartnerIds).toEqual([world.partners.direct.id]);
    expect(scope.resellers).toEqual([]);
  });

  it("a distributor sees itself and all its resellers, and can narrow to one", async () => {
    const all = await world.scope("distributor", "ADMIN_AGENT");
    expect(new Set(all.visiblePartnerIds)).toEqual(new Set([world.partners.distributor.id, world.partners.resellerA.id, world.partners.resellerB.id]));
    const narrowed = await world.scope("distributor", "ADMIN_AGENT", world.partners.resellerA.id);
    expect(narrowed.visiblePartnerIds).toEqual([world.partners.resellerA.id]);
    expect(narrowed.selectedResellerId).toBe(world.partners.resellerA.id);
  });

  it("a distributor's switcher ignores a reseller that is not its own", async () => {
    const scope = await world.scope("distributor", "ADMIN_AGENT", world.partners.direct.id);
    expect(scope.selectedResellerId).toBeNull();
    expect(scope.visiblePartnerIds).not.toContain(world.partners.direct.id);
  });

  it("a reseller sees only itself, never its siblings or its distributor", async () => {
    const scope = await world.scope("resellerA", "SALES_AGENT");
    expect(scope.visiblePartnerIds).toEqual([world.partners.resellerA.id]);
  });

  it("operators see the platform and manage no partner's rows", async () => {
    const scope = await world.operatorScope();
    expect(scope.isOperator).toBe(true);
    expect(scope.visiblePartnerIds).toBeNull();
    expect(scope.manageablePartnerIds).toEqual([]);
  });

  it("a deactivated user or a suspended partner gets no scope", async () => {
    const prisma = database.prisma;
    const userId = world.users.otherDirect.SALES_AGENT;
    await prisma.user.update({ where: { id: userId }, data: { active: false } });
    expect(await resolvePartnerScope(prisma, { userId })).toBeNull();
    await prisma.user.update({ where: { id: userId }, data: { active: true } });
    await prisma.partner.update({ where: { id: world.partners.otherDirect.id }, data: { status: "SUSPENDED" } });
    expect(await resolvePartnerScope(prisma, { userId })).toBeNull();
    await prisma.partner.update({ where: { id: world.partners.otherDirect.id }, data: { status: "ACTIVE" } });
    expect(await resolvePartnerScope(prisma, { userId: "no-such-user" })).toBeNull();
  });
});
