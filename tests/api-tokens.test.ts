// API tokens: created once and stored hashed, listed and revoked within the caller's partner, and
// resolved into exactly the partner's scope (a distributor: with its resellers), never wider.
import { createHash } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { testSession } from "./support/mock-session";
import { type World } from "./support/world";
import { makeApiToken } from "./support/registration-fixtures";
import { resolvePartnerScope } from "../lib/auth/partner-scope";
import type { Database } from "../lib/database/open-database";
import { withTestWorld } from "./support/with-test-world";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());

const { createApiToken } = await import("../lib/api-tokens/create-api-token");
const { listApiTokens } = await import("../lib/api-tokens/list-api-tokens");
const { revokeApiToken } = await import("../lib/api-tokens/revoke-api-token");
const { authenticateApiToken } = await import("../lib/api-tokens/resolve-api-token-scope");
const { createApiTokenAction, revokeApiTokenAction } = await import("../lib/api-tokens/actions");

let database: Database;
let world: World;

withTestWorld((context) => ({ database, world } = context), { resetSession: true });

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const sorted = (ids: readonly string[] | null) => [...(ids ?? [])].sort();

describe("creating a token", () => {
  it("returns the plaintext once and stores only its SHA-256 hash, prefix and name (audited without either)", async () => {
    const scope = await world.scope("direct", "ADMIN_AGENT");
    const created = await createApiToken(scope, { name: "Chicago stamp" });
    expect(created.token).toMatch(/^sc_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.token.slice(0, 10));

    const row = await database.prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ partnerId: world.partners.direct.id, name: "Chicago stamp", tokenHash: sha256(created.token), createdByUserId: scope.userId });
    expect(JSON.stringify(row)).not.toContain(created.token);

    const listed = await listApiTokens(scope);
    const mine = listed.find((token) => token.id === created.id);
    expect(mine).toMatchObject({ name: "Chicago stamp", prefix: created.prefix, revokedAt: null, lastUsedAt: null });
    expect(Object.keys(mine ?? {})).not.toContain("tokenHash");
    expect(JSON.stringify(listed)).not.toContain(created.token);

    const audit = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "apiToken.create", targetId: created.id } });
    expect(audit).toMatchObject({ actorUserId: scope.userId, partnerId: world.partners.direct.id, after: { name: "Chicago stamp", prefix: created.prefix } });
    expect(JSON.stringify(audit)).not.toContain(created.token);
    expect(JSON.stringify(audit)).not.toContain(row.tokenHash);
  });

  it.each(["BILLING_ADMIN", "SALES_AGENT"] as const)("is refused to a %s", async (role) => {
    const scope = await world.scope("direct", role);
    const before = await database.prisma.apiToken.count();
    await expect(createApiToken(scope, { name: "x" })).rejects.toMatchObject({ code: "Forbidden" });
    await expect(listApiTokens(scope)).rejects.toMatchObject({ code: "Forbidden" });
    expect(await database.prisma.apiToken.count()).toBe(before);
  });

  it("lists only the caller's own partner's tokens (a distributor doesn't see its resellers' ones)", async () => {
    const reseller = await createApiToken(await world.scope("resellerA", "ADMIN_AGENT"), { name: "reseller token" });
    const distributorScope = await world.scope("distributor", "ADMIN_AGENT");
    const distributor = await createApiToken(distributorScope, { name: "distributor token" });
    const ids = (await listApiTokens(distributorScope)).map((token) => token.id);
    expect(ids).toContain(distributor.id);
    expect(ids).not.toContain(reseller.id);
    expect((await listApiTokens(await world.scope("resellerA", "ADMIN_AGENT"))).map((token) => token.id)).not.toContain(distributor.id);
  });
});

describe("authenticating a token", () => {
  it.each([
    ["direct", ["direct"]],
    ["distributor", ["distributor", "resellerA", "resellerB"]],
    ["resellerA", ["resellerA"]],
  ] as const)("gives %s's token exactly its partner's scope, as its admin creator has it", async (key, partnerKeys) => {
    const creator = world.users[key].ADMIN_AGENT;
    const { token } = await makeApiToken(database.prisma, { partnerId: world.partners[key].id, createdByUserId: creator });
    const scope = await authenticateApiToken(`Bearer ${token}`);
    const expected = partnerKeys.map((partnerKey) => world.partners[partnerKey].id).sort();
    expect(scope).toMatchObject({ partnerId: world.partners[key].id, role: "ADMIN_AGENT", isOperator: false, userId: creator, selectedResellerId: null });
    expect(sorted(scope?.manageablePartnerIds ?? [])).toEqual(expected);
    expect(sorted(scope?.visiblePartnerIds ?? null)).toEqual(expected);
    // The same partner rules as a signed-in admin: resolvePartnerScope is the one source.
    const asUser = await resolvePartnerScope(database.prisma, { userId: creator });
    expect(scope).toMatchObject({ manageablePartnerIds: asUser?.manageablePartnerIds, resellers: asUser?.resellers, partnerKind: asUser?.partnerKind });
  });

  it("accepts any case of the Bearer scheme and refuses everything else", async () => {
    const { token } = await makeApiToken(database.prisma, { partnerId: world.partners.direct.id, createdByUserId: world.users.direct.ADMIN_AGENT });
    expect(await authenticateApiToken(`bearer ${token}`)).not.toBeNull();
    for (const header of [null, "", token, `Basic ${token}`, "Bearer", "Bearer sc_short", `Bearer ${token}x`, `Bearer sc_${"A".repeat(43)}`]) {
      expect(await authenticateApiToken(header), String(header)).toBeNull();
    }
  });

  it("refuses a revoked token, a suspended partner or distributor, and a creator who is gone, inactive or no longer an admin", async () => {
    const prisma = database.prisma;
    const make = (key: keyof World["partners"], createdByUserId: string | null = world.users[key].ADMIN_AGENT) =>
      makeApiToken(prisma, { partnerId: world.partners[key].id, createdByUserId });
    const expectRefusedWhile = async (token: string, change: () => Promise<unknown>, undo: () => Promise<unknown>) => {
      expect(await authenticateApiToken(`Bearer ${token}`)).not.toBeNull();
      await change();
      try {
        expect(await authenticateApiToken(`Bearer ${token}`)).toBeNull();
      } finally {
        await undo();
      }
      expect(await authenticateApiToken(`Bearer ${token}`)).not.toBeNull();
    };

    const revoked = await makeApiToken(prisma, { partnerId: world.partners.direct.id, createdByUserId: world.users.direct.ADMIN_AGENT, revokedAt: new Date() });
    expect(await authenticateApiToken(`Bearer ${revoked.token}`)).toBeNull();
    expect(await authenticateApiToken(`Bearer ${(await make("direct", null)).token}`)).toBeNull();

    const partner = (id: string, status: "ACTIVE" | "SUSPENDED") => prisma.partner.update({ where: { id }, data: { status } });
    const user = (id: string, data: { active?: boolean; role?: "ADMIN_AGENT" | "BILLING_ADMIN" }) => prisma.user.update({ where: { id }, data });
    const direct = (await make("direct")).token;
    await expectRefusedWhile(
      direct,
      () => partner(world.partners.direct.id, "SUSPENDED"),
      () => partner(world.partners.direct.id, "ACTIVE"),
    );
    const reseller = (await make("resellerB")).token;
    const distributorId = world.partners.distributor.id;
    await expectRefusedWhile(
      reseller,
      () => partner(distributorId, "SUSPENDED"),
      () => partner(distributorId, "ACTIVE"),
    );
    const admin = world.users.direct.ADMIN_AGENT;
    await expectRefusedWhile(
      direct,
      () => user(admin, { active: false }),
      () => user(admin, { active: true }),
    );
    await expectRefusedWhile(
      direct,
      () => user(admin, { role: "BILLING_ADMIN" }),
      () => user(admin, { role: "ADMIN_AGENT" }),
    );
  });

  it("records lastUsedAt at most once a minute", async () => {
    const { id, token } = await makeApiToken(database.prisma, { partnerId: world.partners.direct.id, createdByUserId: world.users.direct.ADMIN_AGENT });
    const lastUsed = async () => (await database.prisma.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    await authenticateApiToken(`Bearer ${token}`);
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await authenticateApiToken(`Bearer ${token}`);
    expect(await lastUsed()).toEqual(first);
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await database.prisma.apiToken.update({ where: { id }, data: { lastUsedAt: twoMinutesAgo } });
    await authenticateApiToken(`Bearer ${token}`);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(twoMinutesAgo.getTime() + 60_000);
  });
});

describe("revoking a token", () => {
  it("is refused (not found) to another partner's admin and to the partner's distributor, leaving the token working", async () => {
    const created = await createApiToken(await world.scope("resellerA", "ADMIN_AGENT"), { name: "keep me" });
    for (const key of ["direct", "resellerB", "distributor"] as const) {
      await expect(revokeApiToken(await world.scope(key, "ADMIN_AGENT"), created.id)).rejects.toMatchObject({ code: "NotFound" });
    }
    expect(await authenticateApiToken(`Bearer ${created.token}`)).not.toBeNull();
    expect(await database.prisma.auditEvent.count({ where: { action: "apiToken.revoke", targetId: created.id } })).toBe(0);
  });

  it("refuses the token from then on, audited once however often it is revoked", async () => {
    const scope = await world.scope("direct", "ADMIN_AGENT");
    const created = await createApiToken(scope, { name: "to revoke" });
    expect(await authenticateApiToken(`Bearer ${created.token}`)).not.toBeNull();
    const revoked = await revokeApiToken(scope, created.id);
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await authenticateApiToken(`Bearer ${created.token}`)).toBeNull();
    expect(await revokeApiToken(scope, created.id)).toEqual(revoked);
    const audits = await database.prisma.auditEvent.findMany({ where: { action: "apiToken.revoke", targetId: created.id } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorUserId: scope.userId, partnerId: world.partners.direct.id });
  });
});

describe("API token actions", () => {
  it("validate the name and refuse roles without apiTokens:manage", async () => {
    expect(await createApiTokenAction({ name: "x" })).toMatchObject({ ok: false, error: { code: "Unauthenticated" } });
    testSession.scope = await world.scope("direct", "BILLING_ADMIN");
    expect(await createApiTokenAction({ name: "x" })).toMatchObject({ ok: false, error: { code: "Forbidden" } });
    testSession.scope = await world.scope("direct", "ADMIN_AGENT");
    expect(await createApiTokenAction({ name: "  " })).toMatchObject({ ok: false, error: { code: "ValidationFailed", fields: { name: expect.any(String) } } });
  });

  it("create a token shown once, and revoke only the caller's partner's tokens", async () => {
    testSession.scope = await world.scope("otherDirect", "ADMIN_AGENT");
    const created = await createApiTokenAction({ name: "Action token" });
    expect(created).toMatchObject({ ok: true, data: { name: "Action token", token: expect.stringMatching(/^sc_/) } });
    if (!created.ok) return;
    testSession.scope = await world.scope("direct", "ADMIN_AGENT");
    expect(await revokeApiTokenAction({ tokenId: created.data.id })).toMatchObject({ ok: false, error: { code: "NotFound" } });
    testSession.scope = await world.scope("otherDirect", "ADMIN_AGENT");
    expect(await revokeApiTokenAction({ tokenId: created.data.id })).toMatchObject({ ok: true, data: { id: created.data.id } });
    expect(await authenticateApiToken(`Bearer ${created.data.token}`)).toBeNull();
  });
});
