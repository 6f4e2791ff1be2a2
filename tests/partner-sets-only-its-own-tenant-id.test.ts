// A partner's directory tenant id (PartnerId of its recon files) is set by its own admins only: the
// action takes no partner id, so a reseller can't set its distributor's or a sibling's, a sales
// agent or an operator can't set any, one tenant belongs to one partner, and a bad GUID is refused
// with the field named. A customer reader (docs/customer-portal.md) can't set any: the action answers
// it NotFound, like every partner action.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "./support/test-database";
import { makeWorld, type World } from "./support/world";
import { setDatabaseForTests } from "../lib/db";
import type { Database } from "../lib/database/open-database";
import { partnerTenantIdSchema } from "../lib/partners/partner-schemas";
import { setPartnerTenantId } from "../lib/partners/set-partner-tenant-id";
import { getPartnerSettings } from "../lib/partners/get-partner-settings";
import { roleHasPermission } from "../lib/auth/permissions";
import { testSession } from "./support/mock-session";
import { makeCustomerReader } from "./support/customer-reader-fixtures";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());

const { setPartnerTenantIdAction } = await import("../lib/partners/actions");

let database: Database;
let world: World;
const TENANT = "0E195B37-4574-4539-BC42-0E539B9684C0";

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabaseForTests(database);
  world = await makeWorld(database.prisma);
});
afterAll(() => database.close());

const tenantOf = async (partnerId: string) =>
  (await database.prisma.partner.findUniqueOrThrow({ where: { id: partnerId }, select: { directoryTenantId: true } })).directoryTenantId;

describe("a partner's directory tenant id", () => {
  it("is set on the caller's own partner only, lowercased, and audited", async () => {
    const scope = await world.scope("resellerA", "ADMIN_AGENT");
    const input = partnerTenantIdSchema.parse({ directoryTenantId: ` ${TENANT} ` });
    await setPartnerTenantId(scope, input);
    expect(await tenantOf(world.partners.resellerA.id)).toBe(TENANT.toLowerCase());
    expect(await tenantOf(world.partners.distributor.id)).toBeNull();
    expect(await tenantOf(world.partners.resellerB.id)).toBeNull();
    expect((await getPartnerSettings(scope)).directoryTenantId).toBe(TENANT.toLowerCase());
    const events = await database.prisma.auditEvent.findMany({ where: { action: "partner.setTenantId" }, select: { partnerId: true, after: true } });
    expect(events).toEqual([{ partnerId: world.partners.resellerA.id, after: { directoryTenantId: TENANT.toLowerCase() } }]);
  });

  it("belongs to one partner: another partner setting it is refused", async () => {
    const scope = await world.scope("resellerB", "ADMIN_AGENT");
    await expect(setPartnerTenantId(scope, { directoryTenantId: TENANT.toLowerCase() })).rejects.toMatchObject({
      code: "TenantIdInUse",
      fields: { directoryTenantId: expect.any(String) },
    });
    expect(await tenantOf(world.partners.resellerB.id)).toBeNull();
  });

  it("is for admins: sales agents, billing admins and operators can't set it", async () => {
    expect(roleHasPermission("ADMIN_AGENT", "organization:manage")).toBe(true);
    for (const role of ["SALES_AGENT", "BILLING_ADMIN", "OPERATOR"] as const) expect(roleHasPermission(role, "organization:manage")).toBe(false);
    await expect(setPartnerTenantId(await world.operatorScope(), { directoryTenantId: "11111111-2222-3333-4444-555555555555" })).rejects.toMatchObject({
      code: "Forbidden",
    });
  });

  it("is refused to a customer reader, of a direct CSP's or a reseller's customer: NotFound, nothing changes", async () => {
    for (const key of ["direct", "resellerA"] as const) {
      const reader = await makeCustomerReader(database.prisma, world, key);
      const partnerId = world.customers[key].customer.partnerId;
      const before = await tenantOf(partnerId);
      testSession.scope = reader.scope;
      try {
        expect(await setPartnerTenantIdAction({ directoryTenantId: "22222222-3333-4444-5555-666666666666" })).toMatchObject({
          ok: false,
          error: { code: "NotFound" },
        });
      } finally {
        testSession.scope = null;
      }
      expect(roleHasPermission("CUSTOMER_READER", "organization:manage")).toBe(false);
      await expect(setPartnerTenantId(reader.scope, { directoryTenantId: "22222222-3333-4444-5555-666666666666" })).rejects.toMatchObject({
        code: "Forbidden",
      });
      expect(await tenantOf(partnerId)).toBe(before);
    }
    const events = await database.prisma.auditEvent.count({ where: { action: "partner.setTenantId" } });
    expect(events).toBe(1);
  });

  it("must be a GUID", () => {
    const result = partnerTenantIdSchema.safeParse({ directoryTenantId: "contoso.onmicrosoft.com" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["directoryTenantId"]);
  });
});
