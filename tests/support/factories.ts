// Test data factories. Every value that must be unique (MPN ID, email, domain, tenant and
// subscription GUIDs) comes from a per-process counter plus a random suffix, so factories never
// collide with each other, with the demo data, or with rows another test in the file made.
// Each function takes a PrismaClient or a transaction client and returns the created row.
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import type { AzureSubscription, Customer, Partner, Prisma, User } from "../../generated/prisma/client";
import type { UserRole } from "../../generated/prisma/enums";

/** The password of every factory-made user (unless one is passed to makeUser). */
export const TEST_PASSWORD = "Test-Passw0rd!";
/** Low cost: hashing is the slow part of making users, and nothing here needs strength. */
export const TEST_BCRYPT_COST = 4;

export type Db = Prisma.TransactionClient;

let counter = 0;
const runTag = randomBytes(3).toString("hex");
/** A per-process MPN ID base; 7 digits, away from the demo data's 47xxxxx–53xxxxx range. */
const mpnBase = randomInt(6_000_000, 9_000_000);

/** "<counter>-<random>", unique within the test process. */
export function uniqueSuffix(): string {
  counter += 1;
  return `${counter}-${runTag}${randomBytes(2).toString("hex")}`;
}

function nextMpnId(): string {
  counter += 1;
  return String(mpnBase + (counter % 1_000_000));
}

let testPasswordHash: Promise<string> | undefined;

/** bcrypt hash of TEST_PASSWORD, computed once per process. */
export function hashTestPassword(): Promise<string> {
  testPasswordHash ??= bcrypt.hash(TEST_PASSWORD, TEST_BCRYPT_COST);
  return testPasswordHash;
}

export async function makePartner(db: Db, overrides: Partial<Prisma.PartnerUncheckedCreateInput> = {}): Promise<Partner> {
  const suffix = uniqueSuffix();
  return db.partner.create({
    data: {
      kind: "DIRECT_CSP",
      name: `Test Partner ${suffix}`,
      mpnId: nextMpnId(),
      country: "US",
      ...overrides,
    },
  });
}

/** An INDIRECT_PROVIDER with `count` INDIRECT_RESELLERs under it. */
export async function makeDistributorWithResellers(
  db: Db,
  count: number,
  overrides: Partial<Prisma.PartnerUncheckedCreateInput> = {},
): Promise<{ distributor: Partner; resellers: Partner[] }> {
  const distributor = await makePartner(db, {
    name: `Test Distributor ${uniqueSuffix()}`,
    ...overrides,
    kind: "INDIRECT_PROVIDER",
  });
  const resellers: Partner[] = [];
  for (let i = 0; i < count; i++) {
    resellers.push(
      await makePartner(db, {
        kind: "INDIRECT_RESELLER",
        name: `Test Reseller ${uniqueSuffix()}`,
        parentId: distributor.id,
      }),
    );
  }
  return { distributor, resellers };
}

export type MakeUserOptions = Omit<Partial<Prisma.UserUncheckedCreateInput>, "passwordHash" | "role" | "partnerId"> & {
  role: UserRole;
  /** Null for OPERATOR users. */
  partnerId: string | null;
  /** Defaults to TEST_PASSWORD. */
  password?: string;
};

export async function makeUser(db: Db, options: MakeUserOptions): Promise<User> {
  const { password, ...data } = options;
  const suffix = uniqueSuffix();
  const passwordHash = password === undefined ? await hashTestPassword() : await bcrypt.hash(password, TEST_BCRYPT_COST);
  return db.user.create({
    data: {
      email: `${data.role.toLowerCase().replace(/_/g, "-")}-${suffix}@test.example`,
      displayName: `Test ${data.role.toLowerCase().replace(/_/g, " ")} ${suffix}`,
      ...data,
      passwordHash,
    },
  });
}

export type MakeCustomerOptions = Partial<Prisma.CustomerUncheckedCreateInput> & { partnerId: string };

export async function makeCustomer(db: Db, options: MakeCustomerOptions): Promise<Customer> {
  const suffix = uniqueSuffix();
  return db.customer.create({
    data: {
      companyName: `Test Customer ${suffix}`,
      domain: `testcustomer${suffix.replace(/-/g, "")}.onmicrosoft.com`,
      tenantId: randomUUID(),
      country: "US",
      ...options,
    },
  });
}

export type MakeCspSubscriptionOptions = Partial<Prisma.AzureSubscriptionUncheckedCreateInput> & {
  customerId: string;
  /** The CSP partner billed: the direct CSP, or the distributor for a reseller's customer. */
  rollsUpToPartnerId: string;
};

export async function makeCspSubscription(db: Db, options: MakeCspSubscriptionOptions): Promise<AzureSubscription> {
  return db.azureSubscription.create({
    data: {
      id: randomUUID(),
      type: "CSP",
      displayName: "Azure plan",
      status: "ACTIVE",
      ...options,
    },
  });
}

/** A partner's own Azure Partner Shared Services subscription (no customer). */
export async function makeApssSubscription(
  db: Db,
  partnerId: string,
  overrides: Partial<Prisma.AzureSubscriptionUncheckedCreateInput> = {},
): Promise<AzureSubscription> {
  return db.azureSubscription.create({
    data: {
      id: randomUUID(),
      type: "APSS",
      displayName: "Azure Partner Shared Services",
      status: "ACTIVE",
      customerId: null,
      rollsUpToPartnerId: partnerId,
      ...overrides,
    },
  });
}
