// Onboarding a reseller: only a distributor's admin agent; MPN ID validated (7 digits) and unique;
// the partner and its first admin's one-time invitation created together (hash only), audited;
// nothing at all written when anything is refused.
import { createHash } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { testSession } from "./support/mock-session";
import { type World } from "./support/world";
import { makeUser } from "./support/factories";
import { freshEmail, freshMpnId, tokenOf } from "./support/channel-fixtures";
import type { Database } from "../lib/database/open-database";
import { withTestWorld } from "./support/with-test-world";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());

const { onboardResellerAction } = await import("../lib/partners/actions");

let database: Database;
let world: World;

withTestWorld((context) => ({ database, world } = context), { resetSession: true });

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

function input(overrides: Record<string, unknown> = {}) {
  return { name: "Litware Cloud", mpnId: freshMpnId(), country: "NL", adminName: "Ria de Vries", adminEmail: freshEmail("ria"), ...overrides };
}

async function counts() {
  const prisma = database.prisma;
  return { partners: await prisma.partner.count(), invitations: await prisma.userInvitation.count(), audit: await prisma.auditEvent.count() };
}

describe("a distributor's admin agent onboards a reseller", () => {
  it("creates the INDIRECT_RESELLER under the distributor and one invitation for its first ADMIN_AGENT, storing only the token's hash", async () => {
    testSession.scope = await world.scope("distributor", "ADMIN_AGENT");
    const data = input();
    const result = await onboardResellerAction(data);
    if (!result.ok) throw new Error(JSON.stringify(result.error));

    const partner = await database.prisma.partner.findUniqueOrThrow({ where: { id: result.data.resellerId } });
    expect(partner).toMatchObject({
      kind: "INDIRECT_RESELLER",
      parentId: world.partners.distributor.id,
      mpnId: data.mpnId,
      country: "NL",
      status: "ACTIVE",
      name: "Litware Cloud",
    });

    const token = tokenOf(result.data.invitation.invitePath);
    expect(result.data.invitation.invitePath).toMatch(/^\/invite\/sci_[A-Za-z0-9_-]{43}$/);
    const invitations = await database.prisma.userInvitation.findMany({ where: { partnerId: partner.id } });
    expect(invitations).toHaveLength(1);
    expect(invitations[0]).toMatchObject({ email: data.adminEmail, role: "ADMIN_AGENT", tokenHash: sha256(token), acceptedAt: null, revokedAt: null });
    expect(JSON.stringify(invitations)).not.toContain(token);
    const days = (invitations[0].expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    const audit = await database.prisma.auditEvent.findMany({ where: { partnerId: partner.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((event) => event.action).sort()).toEqual(["invitation.create", "partner.onboardReseller"]);
    expect(JSON.stringify(audit)).not.toContain(token);
    expect(JSON.stringify(audit)).not.toContain(sha256(token));
  });

  it.each([
    ["letters", "51A0934"],
    ["too short", "512093"],
    ["too long", "51209341"],
    ["blank", ""],
  ])("refuses an MPN ID that is %s on its field, writing nothing", async (_label, mpnId) => {
    testSession.scope = await world.scope("distributor", "ADMIN_AGENT");
    const before = await counts();
    const result = await onboardResellerAction(input({ mpnId }));
    expect(result).toMatchObject({ ok: false, error: { code: "ValidationFailed", fields: { mpnId: expect.any(String) } } });
    expect(await counts()).toEqual(before);
  });

  it("refuses an MPN ID another partner has (MpnIdInUse on the field), writing nothing", async () => {
    testSession.scope = await world.scope("distributor", "ADMIN_AGENT");
    const before = await counts();
    const result = await onboardResellerAction(input({ mpnId: world.partners.direct.mpnId }));
    expect(result).toMatchObject({ ok: false, error: { code: "MpnIdInUse", fields: { mpnId: expect.stringContaining("already belongs") } } });
    expect(await counts()).toEqual(before);
  });

  it("refuses an admin email that already belongs to a user or a pending invitation (EmailInUse), writing nothing", async () => {
    testSession.scope = await world.scope("distributor", "ADMIN_AGENT");
    const existing = await makeUser(database.prisma, { partnerId: world.partners.direct.id, role: "SALES_AGENT" });
    const before = await counts();
    const taken = await onboardResellerAction(input({ adminEmail: existing.email.toUpperCase() }));
    expect(taken).toMatchObject({ ok: false, error: { code: "EmailInUse", fields: { adminEmail: expect.any(String) } } });
    expect(await counts()).toEqual(before);

    const first = await onboardResellerAction(input({ adminEmail: "pending@channel.example" }));
    expect(first.ok).toBe(true);
    const middle = await counts();
    const second = await onboardResellerAction(input({ adminEmail: "pending@channel.example" }));
    expect(second).toMatchObject({ ok: false, error: { code: "EmailInUse" } });
    expect(await counts()).toEqual(middle);
  });

  it("validates the country and the first admin's fields", async () => {
    testSession.scope = await world.scope("distributor", "ADMIN_AGENT");
    const result = await onboardResellerAction(input({ country: "XX", adminEmail: "not-an-email", adminName: " " }));
    expect(result).toMatchObject({ ok: false, error: { code: "ValidationFailed" } });
    if (result.ok) return;
    expect(Object.keys(result.error.fields ?? {}).sort()).toEqual(["adminEmail", "adminName", "country"]);
  });
});

describe("who may onboard", () => {
  it.each([
    ["a direct CSP's admin agent", "direct", "ADMIN_AGENT", "NotADistributor"],
    ["a reseller's admin agent", "resellerA", "ADMIN_AGENT", "NotADistributor"],
    ["a distributor's billing admin", "distributor", "BILLING_ADMIN", "Forbidden"],
    ["a distributor's sales agent", "distributor", "SALES_AGENT", "Forbidden"],
  ] as const)("refuses %s, writing nothing", async (_label, partner, role, code) => {
    testSession.scope = await world.scope(partner, role);
    const before = await counts();
    expect(await onboardResellerAction(input())).toMatchObject({ ok: false, error: { code } });
    expect(await counts()).toEqual(before);
  });

  it("refuses an operator and a signed-out visitor", async () => {
    testSession.scope = await world.operatorScope();
    expect(await onboardResellerAction(input())).toMatchObject({ ok: false, error: { code: "Forbidden" } });
    testSession.scope = null;
    expect(await onboardResellerAction(input())).toMatchObject({ ok: false, error: { code: "Unauthenticated" } });
  });
});
