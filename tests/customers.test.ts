import { describe, expect, it } from "vitest";
import { type World } from "./support/world";
import { listCustomers } from "../lib/customers/list-customers";
import { getCustomer } from "../lib/customers/get-customer";
import { createCustomer } from "../lib/customers/create-customer";
import { updateCustomer } from "../lib/customers/update-customer";
import { addCspSubscription } from "../lib/customers/add-csp-subscription";
import { createCustomerSchema } from "../lib/customers/customer-schemas";
import { DomainError } from "../lib/errors";
import type { Database } from "../lib/database/open-database";
import { withTestWorld } from "./support/with-test-world";

let database: Database;
let world: World;

withTestWorld((context) => ({ database, world } = context));

async function auditCount(targetId: string) {
  return database.prisma.auditEvent.count({ where: { targetId } });
}

describe("customers", () => {
  it("a reseller creates a customer it owns, audited", async () => {
    const scope = await world.scope("resellerA", "SALES_AGENT");
    const input = createCustomerSchema.parse({ companyName: "Litware Inc", domain: "LITWARE.onmicrosoft.com", country: "us" });
    const customer = await createCustomer(scope, input);
    expect(customer).toMatchObject({ partnerId: world.partners.resellerA.id, domain: "litware.onmicrosoft.com", country: "US" });
    expect(customer.tenantId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await auditCount(customer.id)).toBe(1);
  });

  it("a distributor must choose one of its resellers as owner", async () => {
    const scope = await world.scope("distributor", "ADMIN_AGENT");
    const base = { companyName: "Proseware", domain: "proseware.onmicrosoft.com", country: "DE" };
    await expect(createCustomer(scope, createCustomerSchema.parse(base))).rejects.toMatchObject({
      code: "ValidationFailed",
      fields: { ownerPartnerId: expect.any(String) },
    });
    await expect(createCustomer(scope, createCustomerSchema.parse({ ...base, ownerPartnerId: world.partners.direct.id }))).rejects.toBeInstanceOf(DomainError);
    const customer = await createCustomer(scope, createCustomerSchema.parse({ ...base, ownerPartnerId: world.partners.resellerB.id }));
    expect(customer.partnerId).toBe(world.partners.resellerB.id);
  });

  it("duplicate domains and tenants are refused with the field named, nothing written", async () => {
    const scope = await world.scope("direct", "ADMIN_AGENT");
    const existing = world.customers.otherDirect.customer;
    const before = await database.prisma.customer.count();
    await expect(createCustomer(scope, createCustomerSchema.parse({ companyName: "Copy", domain: existing.domain, country: "US" }))).rejects.toMatchObject({
      code: "Conflict",
      fields: { domain: expect.any(String) },
    });
    await expect(
      createCustomer(scope, createCustomerSchema.parse({ companyName: "Copy", domain: "copy.onmicrosoft.com", tenantId: existing.tenantId, country: "US" })),
    ).rejects.toMatchObject({ code: "Conflict", fields: { tenantId: expect.any(String) } });
    expect(await database.prisma.customer.count()).toBe(before);
  });

  it("validation names each bad field", () => {
    const result = createCustomerSchema.safeParse({ companyName: " ", domain: "not a domain", tenantId: "xyz", country: "ZZ" });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["companyName", "domain", "tenantId", "country"]));
  });

  it("lists with search, country filter and pagination within the scope", async () => {
    const scope = await world.scope("distributor", "BILLING_ADMIN");
    const all = await listCustomers(scope, {});
    const ids = all.rows.map((row) => row.partner.id);
    expect(ids).not.toContain(world.partners.direct.id);
    expect(ids).toContain(world.partners.resellerA.id);
    const byDomain = await listCustomers(scope, { q: world.customers.resellerB.customer.domain.slice(0, 20) });
    expect(byDomain.rows.map((row) => row.id)).toEqual([world.customers.resellerB.customer.id]);
    const byTenant = await listCustomers(scope, { q: world.customers.resellerA.customer.tenantId });
    expect(byTenant.rows).toHaveLength(1);
    expect((await listCustomers(scope, { country: "JP" })).total).toBe(0);
    const narrowed = await listCustomers(scope, { reseller: world.partners.resellerA.id });
    expect(narrowed.rows.every((row) => row.partner.id === world.partners.resellerA.id)).toBe(true);
    // A foreign "reseller" filter can't widen the view.
    const foreign = await listCustomers(scope, { reseller: world.partners.direct.id });
    expect(foreign.rows.some((row) => row.partner.id === world.partners.direct.id)).toBe(false);
  });

  it("updates name and country with before/after in the audit", async () => {
    const scope = await world.scope("direct", "SALES_AGENT");
    const { customer } = world.customers.direct;
    await updateCustomer(scope, { customerId: customer.id, companyName: "Renamed Ltd", country: "GB" });
    const detail = await getCustomer(scope, customer.id);
    expect(detail).toMatchObject({ companyName: "Renamed Ltd", country: "GB" });
    const event = await database.prisma.auditEvent.findFirst({ where: { targetId: customer.id, action: "customer.update" } });
    expect(event?.before).toMatchObject({ companyName: customer.companyName });
    expect(event?.after).toMatchObject({ companyName: "Renamed Ltd" });
  });

  it("a reseller's customer's CSP subscription rolls up to the distributor", async () => {
    const scope = await world.scope("resellerA", "ADMIN_AGENT");
    const subscription = await addCspSubscription(scope, {
      customerId: world.customers.resellerA.customer.id,
      displayName: "Production",
    });
    expect(subscription).toMatchObject({ type: "CSP", rollsUpToPartnerId: world.partners.distributor.id });
    const direct = await addCspSubscription(await world.scope("direct", "ADMIN_AGENT"), {
      customerId: world.customers.direct.customer.id,
      displayName: "Dev/test",
      subscriptionId: "0f7c2a4e-1b2c-4d5e-8f90-a1b2c3d4e5f6",
    });
    expect(direct).toMatchObject({ id: "0f7c2a4e-1b2c-4d5e-8f90-a1b2c3d4e5f6", rollsUpToPartnerId: world.partners.direct.id });
    await expect(
      addCspSubscription(await world.scope("direct", "ADMIN_AGENT"), {
        customerId: world.customers.direct.customer.id,
        displayName: "Again",
        subscriptionId: "0f7c2a4e-1b2c-4d5e-8f90-a1b2c3d4e5f6",
      }),
    ).rejects.toMatchObject({ code: "Conflict", fields: { subscriptionId: expect.any(String) } });
  });
});
