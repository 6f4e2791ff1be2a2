// Moving a customer between a distributor's resellers: one transaction changes the owner, closes
// the open ownership period and opens the next (contiguous history), and audits before/after; only
// a distributor's admin agent moves, only between its own active resellers.
import { describe, expect, it, vi } from "vitest";
import { testSession } from "./support/mock-session";
import { type World } from "./support/world";
import { makeCspSubscription, makeCustomer, makeDistributorWithResellers, makePartner } from "./support/factories";
import type { Database } from "../lib/database/open-database";
import { createCustomer } from "../lib/customers/create-customer";
import { moveCustomer } from "../lib/customers/move-customer";
import { listOwnershipHistory } from "../lib/customers/list-ownership-history";
import { listMoveTargets } from "../lib/customers/list-move-targets";
import { withTestWorld } from "./support/with-test-world";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());
const { moveCustomerAction } = await import("../lib/customers/actions");

let database: Database;
let world: World;
let counter = 0;

withTestWorld((context) => ({ database, world } = context), { resetSession: true });

/** A customer of reseller A made the way the app makes them (so it has its first ownership period). */
async function resellerACustomer() {
  counter += 1;
  const scope = await world.scope("distributor", "ADMIN_AGENT");
  const customer = await createCustomer(scope, {
    companyName: `Moving Co ${counter}`,
    domain: `movingco${counter}x${Date.now()}.onmicrosoft.com`,
    country: "US",
    ownerPartnerId: world.partners.resellerA.id,
  });
  const subscription = await makeCspSubscription(database.prisma, { customerId: customer.id, rollsUpToPartnerId: world.partners.distributor.id });
  return { customer, subscription };
}

const periodsOf = (customerId: string) => database.prisma.customerOwnershipPeriod.findMany({ where: { customerId }, orderBy: { ownedFrom: "asc" } });

describe("moving a customer", () => {
  it("changes the owner, keeps the history contiguous and audits before/after", async () => {
    const { customer, subscription } = await resellerACustomer();
    const scope = await world.scope("distributor", "ADMIN_AGENT");
    expect(await periodsOf(customer.id)).toHaveLength(1);

    await moveCustomer(scope, { customerId: customer.id, toPartnerId: world.partners.resellerB.id, note: "Customer asked" });
    await moveCustomer(scope, { customerId: customer.id, toPartnerId: world.partners.resellerA.id });

    const after = await database.prisma.customer.findUniqueOrThrow({ where: { id: customer.id }, select: { partnerId: true } });
    expect(after.partnerId).toBe(world.partners.resellerA.id);
    const periods = await periodsOf(customer.id);
    expect(periods.map((period) => period.partnerId)).toEqual([world.partners.resellerA.id, world.partners.resellerB.id, world.partners.resellerA.id]);
    for (let i = 0; i < periods.length - 1; i++) {
      expect(periods[i].ownedUntil?.getTime()).toBe(periods[i + 1].ownedFrom.getTime());
    }
    expect(periods.filter((period) => period.ownedUntil === null)).toHaveLength(1);
    expect(periods[2].ownedUntil).toBeNull();
    expect(periods[0].movedByUserId).toBeNull();
    expect(periods[1]).toMatchObject({ movedByUserId: scope.userId, note: "Customer asked" });
    expect(periods[2]).toMatchObject({ movedByUserId: scope.userId, note: null });

    const events = await database.prisma.auditEvent.findMany({
      where: { action: "customer.move", targetId: customer.id },
      orderBy: { createdAt: "asc" },
    });
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      actorUserId: scope.userId,
      partnerId: world.partners.distributor.id,
      targetType: "Customer",
      before: { partnerId: world.partners.resellerA.id, partnerName: world.partners.resellerA.name },
      after: { partnerId: world.partners.resellerB.id, partnerName: world.partners.resellerB.name, note: "Customer asked" },
    });

    // Azure subscriptions keep rolling up to the distributor.
    const sub = await database.prisma.azureSubscription.findUniqueOrThrow({ where: { id: subscription.id } });
    expect(sub).toMatchObject({ customerId: customer.id, rollsUpToPartnerId: world.partners.distributor.id });
  });

  it("moves a customer the distributor owns itself, recording its first period when none existed", async () => {
    const customer = await makeCustomer(database.prisma, { partnerId: world.partners.distributor.id });
    const scope = await world.scope("distributor", "ADMIN_AGENT");
    await moveCustomer(scope, { customerId: customer.id, toPartnerId: world.partners.resellerB.id });
    const periods = await periodsOf(customer.id);
    expect(periods.map((p) => p.partnerId)).toEqual([world.partners.distributor.id, world.partners.resellerB.id]);
    expect(periods[0].ownedFrom.getTime()).toBe(customer.createdAt.getTime());
    expect(periods[0].ownedUntil?.getTime()).toBe(periods[1].ownedFrom.getTime());
  });

  it("refuses a move to the current owner (SameOwner) and writes nothing", async () => {
    const { customer } = await resellerACustomer();
    const scope = await world.scope("distributor", "ADMIN_AGENT");
    const audit = await database.prisma.auditEvent.count();
    await expect(moveCustomer(scope, { customerId: customer.id, toPartnerId: world.partners.resellerA.id })).rejects.toMatchObject({
      code: "SameOwner",
    });
    expect(await periodsOf(customer.id)).toHaveLength(1);
    expect(await database.prisma.auditEvent.count()).toBe(audit);
  });

  it("refuses a suspended reseller on either side (ResellerSuspended)", async () => {
    const suspended = await makePartner(database.prisma, {
      kind: "INDIRECT_RESELLER",
      parentId: world.partners.distributor.id,
      status: "SUSPENDED",
    });
    const scope = await world.scope("distributor", "ADMIN_AGENT");
    const { customer } = await resellerACustomer();
    await expect(moveCustomer(scope, { customerId: customer.id, toPartnerId: suspended.id })).rejects.toMatchObject({
      code: "ResellerSuspended",
    });
    const stuck = await makeCustomer(database.prisma, { partnerId: suspended.id });
    const fresh = await world.scope("distributor", "ADMIN_AGENT");
    await expect(moveCustomer(fresh, { customerId: stuck.id, toPartnerId: world.partners.resellerB.id })).rejects.toMatchObject({
      code: "ResellerSuspended",
    });
    expect((await listMoveTargets(fresh)).find((target) => target.id === suspended.id)).toMatchObject({ suspended: true });
    await database.prisma.customer.delete({ where: { id: stuck.id } });
    await database.prisma.partner.delete({ where: { id: suspended.id } });
  });

  it("treats foreign customers and foreign resellers as not found", async () => {
    const scope = await world.scope("distributor", "ADMIN_AGENT");
    const { customer } = await resellerACustomer();
    const other = await makeDistributorWithResellers(database.prisma, 1);
    await expect(moveCustomer(scope, { customerId: customer.id, toPartnerId: other.resellers[0].id })).rejects.toMatchObject({
      code: "NotFound",
    });
    await expect(moveCustomer(scope, { customerId: customer.id, toPartnerId: world.partners.direct.id })).rejects.toMatchObject({
      code: "NotFound",
    });
    await expect(moveCustomer(scope, { customerId: world.customers.direct.customer.id, toPartnerId: world.partners.resellerB.id })).rejects.toMatchObject({
      code: "NotFound",
    });
    const foreignCustomer = await makeCustomer(database.prisma, { partnerId: other.resellers[0].id });
    await expect(moveCustomer(scope, { customerId: foreignCustomer.id, toPartnerId: world.partners.resellerB.id })).rejects.toMatchObject({
      code: "NotFound",
    });
  });
});

describe("who may move (through the action)", () => {
  it("a distributor's admin agent may; the result names the new owner", async () => {
    const { customer } = await resellerACustomer();
    testSession.scope = await world.scope("distributor", "ADMIN_AGENT");
    expect(await moveCustomerAction({ customerId: customer.id, toPartnerId: world.partners.resellerB.id, note: "" })).toEqual({
      ok: true,
      data: { id: customer.id, toPartnerId: world.partners.resellerB.id },
    });
  });

  it("a reseller's admin, a direct CSP's admin and a distributor's sales agent or billing admin may not", async () => {
    const { customer } = await resellerACustomer();
    const input = { customerId: customer.id, toPartnerId: world.partners.resellerB.id };
    testSession.scope = await world.scope("resellerA", "ADMIN_AGENT");
    expect(await moveCustomerAction(input)).toMatchObject({ ok: false, error: { code: "NotDistributor" } });
    testSession.scope = await world.scope("direct", "ADMIN_AGENT");
    expect(await moveCustomerAction(input)).toMatchObject({ ok: false, error: { code: "NotDistributor" } });
    testSession.scope = await world.scope("distributor", "SALES_AGENT");
    expect(await moveCustomerAction(input)).toMatchObject({ ok: false, error: { code: "Forbidden" } });
    testSession.scope = await world.scope("distributor", "BILLING_ADMIN");
    expect(await moveCustomerAction(input)).toMatchObject({ ok: false, error: { code: "Forbidden" } });
    testSession.scope = await world.operatorScope();
    expect(await moveCustomerAction(input)).toMatchObject({ ok: false, error: { code: "Forbidden" } });
    expect((await database.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } })).partnerId).toBe(world.partners.resellerA.id);
    expect(await periodsOf(customer.id)).toHaveLength(1);
  });

  it("validates the input with field errors", async () => {
    testSession.scope = await world.scope("distributor", "ADMIN_AGENT");
    expect(await moveCustomerAction({ customerId: "x", toPartnerId: "" })).toMatchObject({
      ok: false,
      error: { code: "ValidationFailed", fields: { toPartnerId: expect.any(String) } },
    });
  });
});

describe("ownership history", () => {
  it("shows the distributor every owner and the mover; a reseller sees the other reseller anonymised", async () => {
    const { customer } = await resellerACustomer();
    const distributor = await world.scope("distributor", "ADMIN_AGENT");
    await moveCustomer(distributor, { customerId: customer.id, toPartnerId: world.partners.resellerB.id });

    const full = await listOwnershipHistory(distributor, customer.id);
    expect(full.map((period) => period.partner?.id)).toEqual([world.partners.resellerA.id, world.partners.resellerB.id]);
    expect(full[1].movedBy?.email).toBe(distributor.email);

    const asB = await listOwnershipHistory(await world.scope("resellerB", "ADMIN_AGENT"), customer.id);
    expect(asB.map((period) => period.partner?.id ?? null)).toEqual([null, world.partners.resellerB.id]);
    expect(JSON.stringify(asB)).not.toContain(world.partners.resellerA.name);

    // Reseller A no longer owns it: not found.
    await expect(listOwnershipHistory(await world.scope("resellerA", "ADMIN_AGENT"), customer.id)).rejects.toMatchObject({ code: "NotFound" });
  });
});
