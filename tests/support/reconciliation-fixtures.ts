// The world tests/fixtures/reconciliation/*.csv are written against: a distributor (the billing
// partner) with a reseller, a customer of each, the distributor's default (APSS) subscription and
// stamp, another direct CSP's customer, and the stamps' rated lines of 2026-10 (see the fixtures'
// README for every line and its hand-computed class and stake).
import type { PrismaClient } from "../../generated/prisma/client";
import type { RawSql } from "../../lib/database/open-database";
import { resolvePartnerScope, type PartnerScope } from "../../lib/auth/partner-scope";
import { makeApssSubscription, makeCspSubscription, makeCustomer, makeDistributorWithResellers, makePartner, makeUser } from "./factories";
import { makeRegistration } from "./registration-fixtures";

export const FIXTURE_IDS = {
  S0: "0a0a0a0a-0000-4000-8000-00000000000a",
  S1: "11111111-1111-4111-8111-111111111111",
  S2: "22222222-2222-4222-8222-222222222222",
  SX: "99999999-9999-4999-8999-999999999999",
  T1: "1e1e1e1e-1111-4111-8111-111111111111",
  T2: "2e2e2e2e-2222-4222-8222-222222222222",
  TU: "7e7e7e7e-7777-4777-8777-777777777777",
  TX: "9e9e9e9e-9999-4999-8999-999999999999",
} as const;

export const FIXTURE_METERS = {
  vm: "7bc19779-56bc-474d-8c88-36fbd79ae004",
  windows: "fb8c0713-ea20-40bf-901f-5560fd3f6330",
  blob: "8a913f38-33b4-4772-9488-e89522fc09e5",
} as const;

const LOCAL_VM = "fab6eb84-500b-4a09-a8ca-7358f8bbaea5";
const vmUri = (local: string, rg: string, name: string) => `/subscriptions/${local}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`;
const storageUri = (local: string, rg: string, name: string) =>
  `/subscriptions/${local}/resourceGroups/${rg}/providers/Microsoft.Storage/storageAccounts/${name}`;

export interface ReconciliationWorld {
  distributorId: string;
  resellerId: string;
  otherDirectId: string;
  registrationId: string;
  customerIds: { alpine: string; bellows: string; woodgrove: string };
  scope(
    who: "distributorAdmin" | "distributorBilling" | "distributorSales" | "resellerAdmin" | "resellerBilling" | "otherDirectBilling",
  ): Promise<PartnerScope>;
}

export async function makeReconciliationWorld(prisma: PrismaClient, sql: Pick<RawSql, "query">): Promise<ReconciliationWorld> {
  const { distributor, resellers } = await makeDistributorWithResellers(prisma, 1);
  const reseller = resellers[0];
  const otherDirect = await makePartner(prisma, { kind: "DIRECT_CSP" });
  const alpine = await makeCustomer(prisma, { partnerId: distributor.id, tenantId: FIXTURE_IDS.T1, companyName: "Alpine Ski House" });
  const bellows = await makeCustomer(prisma, { partnerId: reseller.id, tenantId: FIXTURE_IDS.T2, companyName: "Bellows College" });
  const woodgrove = await makeCustomer(prisma, { partnerId: otherDirect.id, tenantId: FIXTURE_IDS.TX, companyName: "Woodgrove Bank" });
  await makeCspSubscription(prisma, { id: FIXTURE_IDS.S1, customerId: alpine.id, rollsUpToPartnerId: distributor.id });
  await makeCspSubscription(prisma, { id: FIXTURE_IDS.S2, customerId: bellows.id, rollsUpToPartnerId: distributor.id });
  await makeCspSubscription(prisma, { id: FIXTURE_IDS.SX, customerId: woodgrove.id, rollsUpToPartnerId: otherDirect.id });
  await makeApssSubscription(prisma, distributor.id, { id: FIXTURE_IDS.S0 });
  const registration = await makeRegistration(prisma, { partnerId: distributor.id, subscriptionId: FIXTURE_IDS.S0, overrides: { stampName: "stamp-east" } });

  const users = {
    distributorAdmin: await makeUser(prisma, { partnerId: distributor.id, role: "ADMIN_AGENT" }),
    distributorBilling: await makeUser(prisma, { partnerId: distributor.id, role: "BILLING_ADMIN" }),
    distributorSales: await makeUser(prisma, { partnerId: distributor.id, role: "SALES_AGENT" }),
    resellerAdmin: await makeUser(prisma, { partnerId: reseller.id, role: "ADMIN_AGENT" }),
    resellerBilling: await makeUser(prisma, { partnerId: reseller.id, role: "BILLING_ADMIN" }),
    otherDirectBilling: await makeUser(prisma, { partnerId: otherDirect.id, role: "BILLING_ADMIN" }),
  };

  // [subscription, meter, resource, usageDate, eventDate, local subscription, quantity, unit price, unregistered tenant]
  const lines: [string, string, string, string, string, string, string, string, string | null][] = [
    [FIXTURE_IDS.S1, FIXTURE_METERS.vm, vmUri("l-0001", "web", "vm1"), "2026-10-03", "2026-10-03", "l-0001", "24", "0.008", null],
    [FIXTURE_IDS.S1, FIXTURE_METERS.vm, vmUri("l-0001", "web", "vm2"), "2026-10-06", "2026-10-04", "l-0001", "10", "0.008", null],
    [FIXTURE_IDS.S2, FIXTURE_METERS.blob, storageUri("l-0002", "data", "disk1"), "2026-10-05", "2026-10-05", "l-0002", "1000", "0.006", null],
    [FIXTURE_IDS.S2, FIXTURE_METERS.vm, vmUri("l-0002", "app", "vm3"), "2026-10-05", "2026-10-05", "l-0002", "100", "0.008", null],
    [FIXTURE_IDS.S1, FIXTURE_METERS.windows, vmUri("l-0001", "web", "vm1"), "2026-10-03", "2026-10-03", "l-0001", "24", "0.046", null],
    [FIXTURE_IDS.S1, FIXTURE_METERS.blob, storageUri("l-0001", "data", "blob1"), "2026-10-20", "2026-10-20", "l-0001", "250.123456", "0.006", null],
    [FIXTURE_IDS.S0, FIXTURE_METERS.vm, vmUri("l-0099", "rogue", "vm-u1"), "2026-10-09", "2026-10-09", "l-0099", "12", "0.008", FIXTURE_IDS.TU],
    // Outside the period, and on another partner's subscription: neither takes part.
    [FIXTURE_IDS.S1, FIXTURE_METERS.vm, vmUri("l-0001", "web", "vm1"), "2026-11-01", "2026-11-01", "l-0001", "5", "0.008", null],
    [FIXTURE_IDS.SX, FIXTURE_METERS.vm, vmUri("l-0777", "x", "vmx"), "2026-10-10", "2026-10-10", "l-0777", "5", "0.008", null],
  ];
  for (const [sub, meter, uri, usageDate, eventDate, local, quantity, price, tenant] of lines) {
    await sql.query(
      `INSERT INTO "RatedUsageLine" ("registrationId", "azureSubscriptionId", "commerceMeterId", "resourceUri", "usageDate", "eventDate", "localMeterId",
         "localSubscriptionId", "mappedTenantId", "unregisteredTenant", "location", "quantity", "market", "currency", "unitPrice", "pretaxAmount")
       VALUES ($1, $2::uuid, $3::uuid, $4, $5::date, $6::date, $7::uuid, $8, $9::uuid, $10, 'local', $11::numeric, 'US', 'USD', $12::numeric, $11::numeric * $12::numeric)`,
      [registration.id, sub, meter, uri, usageDate, eventDate, LOCAL_VM, local, tenant, tenant !== null, quantity, price],
    );
  }

  return {
    distributorId: distributor.id,
    resellerId: reseller.id,
    otherDirectId: otherDirect.id,
    registrationId: registration.id,
    customerIds: { alpine: alpine.id, bellows: bellows.id, woodgrove: woodgrove.id },
    async scope(who) {
      const scope = await resolvePartnerScope(prisma, { userId: users[who].id });
      if (!scope) throw new Error(`no scope for ${who}`);
      return scope;
    },
  };
}
