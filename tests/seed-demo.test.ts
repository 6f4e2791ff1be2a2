import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../lib/database/open-database";
import { deterministicGuid } from "../prisma/seed/prng";
import {
  DEMO_CUSTOMER_READERS,
  DEMO_CUSTOMERS,
  DEMO_DIRECT_CSP_KEY,
  DEMO_DISTRIBUTOR_KEY,
  DEMO_OPERATOR_EMAIL,
  DEMO_PARTNERS,
  DEMO_PASSWORD,
  DEMO_RESELLER_KEYS,
  DEMO_SIGN_INS,
  DEMO_SUBSCRIPTIONS,
  seedDemoIfEmpty,
} from "../prisma/seed/seed-demo";
import { makePartner } from "./support/factories";
import { DEMO_API_TOKENS, DEMO_REGISTRATIONS } from "../prisma/seed/registrations-demo";
import { hashApiToken } from "../lib/api-tokens/api-token-format";
import { DEMO_INVITATION } from "../prisma/seed/invitations-demo";
import { hashInvitationToken } from "../lib/users/invitation-format";
import { lookUpInvitation } from "../lib/users/accept-invitation";
import { authenticateApiToken } from "../lib/api-tokens/resolve-api-token-scope";
import { setDatabaseForTests } from "../lib/db";
import { createTestDatabase } from "./support/test-database";

const GUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("seedDemoIfEmpty on an empty database", () => {
  let db: Database;
  let seeded: boolean;

  beforeAll(async () => {
    db = await createTestDatabase();
    seeded = await seedDemoIfEmpty(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
  });

  const distributor = DEMO_PARTNERS[DEMO_DISTRIBUTOR_KEY];
  const directCsp = DEMO_PARTNERS[DEMO_DIRECT_CSP_KEY];

  it("seeds once, then reports the data as present and adds nothing", async () => {
    expect(seeded).toBe(true);
    const before = await db.prisma.customer.count();
    expect(await seedDemoIfEmpty(db.prisma)).toBe(false);
    expect(await db.prisma.customer.count()).toBe(before);
    expect(await db.prisma.partner.count()).toBe(5);
  });

  it("creates a distributor with three resellers and a direct CSP, with unique 7-digit MPN IDs", async () => {
    const partners = await db.prisma.partner.findMany();
    expect(partners).toHaveLength(5);
    const byKind = (kind: string) => partners.filter((partner) => partner.kind === kind);
    expect(byKind("INDIRECT_PROVIDER").map((partner) => partner.id)).toEqual([distributor.id]);
    expect(byKind("DIRECT_CSP").map((partner) => partner.id)).toEqual([directCsp.id]);
    const resellers = byKind("INDIRECT_RESELLER");
    expect(resellers.map((partner) => partner.id).sort()).toEqual(DEMO_RESELLER_KEYS.map((key) => DEMO_PARTNERS[key].id).sort());
    for (const reseller of resellers) expect(reseller.parentId).toBe(distributor.id);
    for (const partner of [...byKind("INDIRECT_PROVIDER"), ...byKind("DIRECT_CSP")]) expect(partner.parentId).toBeNull();
    for (const partner of partners) {
      expect(partner.mpnId).toMatch(/^\d{7}$/);
      expect(partner.status).toBe("ACTIVE");
    }
    expect(new Set(partners.map((partner) => partner.mpnId)).size).toBe(5);
    const stored = Object.fromEntries(partners.map((partner) => [partner.id, partner]));
    for (const demo of Object.values(DEMO_PARTNERS)) {
      expect(stored[demo.id]).toMatchObject({ name: demo.name, mpnId: demo.mpnId, country: demo.country, kind: demo.kind });
    }
  });

  it("creates ≥ 40 customers owned by the direct CSP and the resellers, with tenant GUIDs and onmicrosoft domains", async () => {
    const customers = await db.prisma.customer.findMany({ include: { partner: true } });
    expect(customers.length).toBeGreaterThanOrEqual(40);
    expect(customers).toHaveLength(DEMO_CUSTOMERS.length);
    for (const customer of customers) {
      expect(["DIRECT_CSP", "INDIRECT_RESELLER"]).toContain(customer.partner.kind);
      expect(customer.domain).toMatch(/^[a-z0-9]+\.onmicrosoft\.com$/);
      expect(customer.tenantId).toMatch(GUID_V4);
      expect(customer.country).toMatch(/^[A-Z]{2}$/);
      expect(customer.companyName).not.toMatch(/^Customer \d+$/);
    }
    // Every partner that owns customers owns several, and the countries are varied.
    for (const key of [DEMO_DIRECT_CSP_KEY, ...DEMO_RESELLER_KEYS]) {
      expect(customers.filter((customer) => customer.partnerId === DEMO_PARTNERS[key].id).length).toBeGreaterThanOrEqual(5);
    }
    expect(new Set(customers.map((customer) => customer.country)).size).toBeGreaterThanOrEqual(6);
  });

  it("opens one ownership period per customer, by its owner since its creation", async () => {
    const customers = await db.prisma.customer.findMany({ include: { ownership: true } });
    for (const customer of customers) {
      expect(customer.ownership).toHaveLength(1);
      expect(customer.ownership[0]).toMatchObject({ partnerId: customer.partnerId, ownedFrom: customer.createdAt, ownedUntil: null });
    }
  });

  it("gives every customer CSP subscriptions billed to its CSP partner of record", async () => {
    const customers = await db.prisma.customer.findMany({ include: { partner: true, subscriptions: true } });
    for (const customer of customers) {
      expect(customer.subscriptions.length).toBeGreaterThanOrEqual(1);
      expect(customer.subscriptions.length).toBeLessThanOrEqual(2);
      // Indirect model: a reseller's customers roll up to the distributor; direct CSP customers to the CSP.
      const billed = customer.partner.kind === "INDIRECT_RESELLER" ? distributor.id : customer.partnerId;
      for (const subscription of customer.subscriptions) {
        expect(subscription.type).toBe("CSP");
        expect(subscription.id).toMatch(GUID_V4);
        expect(subscription.rollsUpToPartnerId).toBe(billed);
      }
    }
    const statuses = customers.flatMap((customer) => customer.subscriptions.map((subscription) => subscription.status));
    const suspended = statuses.filter((status) => status === "SUSPENDED").length;
    expect(suspended).toBeGreaterThanOrEqual(1);
    expect(suspended).toBeLessThanOrEqual(2);
    expect(statuses.filter((status) => status === "ACTIVE").length).toBe(statuses.length - suspended);
    expect(statuses.length).toBeGreaterThan(customers.length); // some customers have two
  });

  it("creates the Azure Partner Shared Services subscriptions of the distributor and the direct CSP", async () => {
    const apss = await db.prisma.azureSubscription.findMany({ where: { type: "APSS" } });
    expect(apss.map((subscription) => subscription.rollsUpToPartnerId).sort()).toEqual([distributor.id, directCsp.id].sort());
    for (const subscription of apss) {
      expect(subscription.customerId).toBeNull();
      expect(subscription.displayName).toBe("Azure Partner Shared Services");
    }
    expect(await db.prisma.azureSubscription.count()).toBe(DEMO_SUBSCRIPTIONS.length);
  });

  it("creates one user per role per partner and one operator without a partner", async () => {
    const users = await db.prisma.user.findMany();
    const operators = users.filter((user) => user.role === "OPERATOR");
    expect(operators).toHaveLength(1);
    expect(operators[0]).toMatchObject({ email: DEMO_OPERATOR_EMAIL, partnerId: null, active: true });
    for (const partner of Object.values(DEMO_PARTNERS)) {
      const roles = users
        .filter((user) => user.partnerId === partner.id && user.role !== "CUSTOMER_READER")
        .map((user) => user.role)
        .sort();
      expect(roles).toEqual(["ADMIN_AGENT", "BILLING_ADMIN", "SALES_AGENT"]);
    }
    expect(users).toHaveLength(DEMO_SIGN_INS.length + DEMO_CUSTOMER_READERS.length);
  });

  it("seeds the demo customer readers for their customer, with the demo password", async () => {
    for (const reader of DEMO_CUSTOMER_READERS) {
      const user = await db.prisma.user.findUniqueOrThrow({
        where: { email: reader.email },
        select: { role: true, partnerId: true, customerId: true, passwordHash: true },
      });
      expect(user).toMatchObject({ role: "CUSTOMER_READER", partnerId: reader.partnerId, customerId: reader.customerId });
      expect(await bcrypt.compare(DEMO_PASSWORD, user.passwordHash)).toBe(true);
    }
  });

  it("lets every DEMO_SIGN_INS account sign in with DEMO_PASSWORD", async () => {
    const users = await db.prisma.user.findMany({ include: { partner: true } });
    const byEmail = new Map(users.map((user) => [user.email, user]));
    for (const signIn of DEMO_SIGN_INS) {
      const user = byEmail.get(signIn.email);
      expect(user, signIn.email).toBeDefined();
      expect(user?.role).toBe(signIn.role);
      expect(user?.active).toBe(true);
      expect(user?.partner?.name ?? null).toBe(signIn.partnerName);
      expect(user?.partner?.kind ?? null).toBe(signIn.partnerKind);
      expect(user?.passwordHash).toMatch(/^\$2[aby]\$\d{2}\$/);
    }
    // The seed shares one hash between users; verify each distinct hash once (bcrypt is slow).
    for (const hash of new Set(users.map((user) => user.passwordHash))) {
      expect(await bcrypt.compare(DEMO_PASSWORD, hash)).toBe(true);
      expect(await bcrypt.compare(`${DEMO_PASSWORD}x`, hash)).toBe(false);
    }
  });

  it("registers the demo stamps: Northwind approved with its resellers' tenants and one pending, Adatum pay-as-you-use and Capacity", async () => {
    const registrations = await db.prisma.registration.findMany({
      include: { customerSubscriptions: { include: { customerSubscription: { include: { customer: true } } } } },
    });
    expect(registrations.map((row) => row.id).sort()).toEqual(DEMO_REGISTRATIONS.map((row) => row.id).sort());
    const byKey = Object.fromEntries(DEMO_REGISTRATIONS.map((demo) => [demo.key, registrations.find((row) => row.id === demo.id)!]));
    expect(byKey["northwind-chicago"]).toMatchObject({ partnerId: distributor.id, billingModel: "PAY_AS_YOU_USE", multiTenancyState: "APPROVED" });
    expect(byKey["northwind-dublin"]).toMatchObject({ partnerId: distributor.id, multiTenancyState: "PENDING" });
    expect(byKey["adatum-seattle"]).toMatchObject({ partnerId: directCsp.id, billingModel: "PAY_AS_YOU_USE", multiTenancyState: "APPROVED" });
    expect(byKey["adatum-denver"]).toMatchObject({
      partnerId: directCsp.id,
      billingModel: "CAPACITY",
      usageReportingEnabled: false,
      agreementNumber: expect.any(String),
    });
    expect(byKey["northwind-chicago"].customerSubscriptions).toHaveLength(4);
    expect(byKey["adatum-seattle"].customerSubscriptions).toHaveLength(3);
    const resellerOwners = new Set(byKey["northwind-chicago"].customerSubscriptions.map((row) => row.customerSubscription.customer?.partnerId));
    expect(resellerOwners.size).toBe(3);
    for (const registration of registrations) {
      expect(registration.name).toBe(`azurestack-${registration.cloudDeploymentId}`);
      for (const tenant of registration.customerSubscriptions) {
        // The registration service's own rules: active CSP subscriptions of the same CSP partner, the customer's tenant.
        expect(tenant.customerSubscription).toMatchObject({ type: "CSP", status: "ACTIVE", rollsUpToPartnerId: registration.partnerId });
        expect(tenant.tenantId).toBe(tenant.customerSubscription.customer?.tenantId);
      }
    }
  });

  it("stores a hashed API token per partner whose published DEMO_API_TOKENS value authenticates as that partner", async () => {
    const tokens = await db.prisma.apiToken.findMany({ include: { createdBy: true } });
    expect(tokens).toHaveLength(DEMO_API_TOKENS.length);
    setDatabaseForTests(db);
    for (const demo of DEMO_API_TOKENS) {
      const row = tokens.find((token) => token.tokenHash === hashApiToken(demo.token));
      expect(row).toMatchObject({ partnerId: DEMO_PARTNERS[demo.partnerKey].id, prefix: demo.token.slice(0, 10), revokedAt: null });
      expect(row?.createdBy).toMatchObject({ role: "ADMIN_AGENT", partnerId: DEMO_PARTNERS[demo.partnerKey].id });
      expect(await authenticateApiToken(`Bearer ${demo.token}`)).toMatchObject({ partnerId: DEMO_PARTNERS[demo.partnerKey].id, role: "ADMIN_AGENT" });
    }
  });
  it("stores one pending invitation (Fabrikam's new sales agent) whose published link works, hash only", async () => {
    const invitations = await db.prisma.userInvitation.findMany();
    expect(invitations).toHaveLength(1);
    expect(invitations[0]).toMatchObject({
      id: DEMO_INVITATION.id,
      partnerId: DEMO_PARTNERS[DEMO_INVITATION.partnerKey].id,
      email: DEMO_INVITATION.email,
      role: "SALES_AGENT",
      tokenHash: hashInvitationToken(DEMO_INVITATION.token),
      acceptedAt: null,
      revokedAt: null,
    });
    expect(await db.prisma.user.count({ where: { email: DEMO_INVITATION.email } })).toBe(0);
    setDatabaseForTests(db);
    await expect(lookUpInvitation(DEMO_INVITATION.token)).resolves.toMatchObject({ partnerName: DEMO_PARTNERS.fabrikam.name, problem: null });
  });
});

describe("seedDemoIfEmpty on a database that has partners", () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("leaves it alone", async () => {
    await makePartner(db.prisma);
    expect(await seedDemoIfEmpty(db.prisma)).toBe(false);
    expect(await db.prisma.partner.count()).toBe(1);
    expect(await db.prisma.user.count()).toBe(0);
    expect(await db.prisma.customer.count()).toBe(0);
  });
});

describe("demo data", () => {
  it("is deterministic", () => {
    expect(deterministicGuid("tenant:example")).toBe(deterministicGuid("tenant:example"));
    expect(deterministicGuid("tenant:example")).not.toBe(deterministicGuid("tenant:example2"));
    expect(deterministicGuid("tenant:example")).toMatch(GUID_V4);
    // Pinned values: a change here means every demo id/GUID changed (bookmarks, e2e fixtures).
    expect(DEMO_PARTNERS.contoso.mpnId).toBe("5120934");
    expect(DEMO_CUSTOMERS[0]).toMatchObject({ companyName: "Litware, Inc.", domain: "litwareinc.onmicrosoft.com" });
  });
});
