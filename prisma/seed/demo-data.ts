// The demo data set, as plain deterministic constants (no database access): one distributor with
// three resellers, one direct CSP, a user per role per partner, one Microsoft operator, ~40
// customers with their CSP subscriptions, and the partners' Azure Partner Shared Services
// subscriptions. Ids, GUIDs and dates come from ./prng, keyed by stable strings, so they are the
// same on every run and tests can refer to them.
import type { AzureSubscriptionStatus, AzureSubscriptionType, PartnerKind, UserRole } from "../../generated/prisma/enums";
import { DEMO_CUSTOMER_TABLE, SECOND_SUBSCRIPTION_NAMES } from "./demo-customers";
import { deterministicCuid, deterministicDate, deterministicGuid, randomInt, seededRandom } from "./prng";

/** The password of every demo user. */
export const DEMO_PASSWORD = "Stackcenter!2026";

export type DemoPartnerKey = "northwind" | "contoso" | "fabrikam" | "tailspin" | "adatum";

export interface DemoPartner {
  key: DemoPartnerKey;
  id: string;
  kind: PartnerKind;
  name: string;
  /** 7-digit Microsoft Partner Network (Partner ID) number. */
  mpnId: string;
  /** The partner's Microsoft Entra directory (tenant) id. */
  directoryTenantId: string;
  country: string;
  parentId: string | null;
  /** Users sign in as <role>@<emailDomain>. */
  emailDomain: string;
  createdAt: Date;
}

interface PartnerRow {
  key: DemoPartnerKey;
  kind: PartnerKind;
  name: string;
  mpnId: string;
  country: string;
  parent: DemoPartnerKey | null;
  createdAt: string;
  /** Display names of the ADMIN_AGENT, BILLING_ADMIN and SALES_AGENT users. */
  people: [string, string, string];
}

const PARTNER_TABLE: PartnerRow[] = [
  {
    key: "northwind",
    kind: "INDIRECT_PROVIDER",
    name: "Northwind Cloud Distribution",
    mpnId: "4871203",
    country: "US",
    parent: null,
    createdAt: "2021-03-15T14:05:00Z",
    people: ["Nadia Okafor", "Marcus Lindqvist", "Priya Raman"],
  },
  {
    key: "contoso",
    kind: "INDIRECT_RESELLER",
    name: "Contoso IT Services",
    mpnId: "5120934",
    country: "US",
    parent: "northwind",
    createdAt: "2021-06-02T16:40:00Z",
    people: ["Daniel Brooks", "Emily Chen", "Jordan Alvarez"],
  },
  {
    key: "fabrikam",
    kind: "INDIRECT_RESELLER",
    name: "Fabrikam Solutions",
    mpnId: "5238817",
    country: "GB",
    parent: "northwind",
    createdAt: "2022-01-19T09:12:00Z",
    people: ["Oliver Hughes", "Charlotte Evans", "Harry Patel"],
  },
  {
    key: "tailspin",
    kind: "INDIRECT_RESELLER",
    name: "Tailspin Systems",
    mpnId: "5361042",
    country: "DE",
    parent: "northwind",
    createdAt: "2022-09-07T08:30:00Z",
    people: ["Lena Fischer", "Jonas Becker", "Miriam Wagner"],
  },
  {
    key: "adatum",
    kind: "DIRECT_CSP",
    name: "Adatum Cloud Partners",
    mpnId: "4719356",
    country: "US",
    parent: null,
    createdAt: "2020-11-23T18:20:00Z",
    people: ["Samantha Reyes", "Kevin O'Connor", "Aisha Mohammed"],
  },
];

const partnerId = (key: DemoPartnerKey) => deterministicCuid(`partner:${key}`);

export const DEMO_PARTNERS: Readonly<Record<DemoPartnerKey, DemoPartner>> = Object.fromEntries(
  PARTNER_TABLE.map((row): [DemoPartnerKey, DemoPartner] => [
    row.key,
    {
      key: row.key,
      id: partnerId(row.key),
      kind: row.kind,
      name: row.name,
      mpnId: row.mpnId,
      directoryTenantId: deterministicGuid(`partner-tenant:${row.key}`),
      country: row.country,
      parentId: row.parent ? partnerId(row.parent) : null,
      emailDomain: `${row.key}.example`,
      createdAt: new Date(row.createdAt),
    },
  ]),
) as Record<DemoPartnerKey, DemoPartner>;

/** Partners in insertion order (parents before their resellers). */
export const DEMO_PARTNER_LIST: readonly DemoPartner[] = PARTNER_TABLE.map((row) => DEMO_PARTNERS[row.key]);

export const DEMO_DISTRIBUTOR_KEY: DemoPartnerKey = "northwind";
export const DEMO_DIRECT_CSP_KEY: DemoPartnerKey = "adatum";
export const DEMO_RESELLER_KEYS: readonly DemoPartnerKey[] = ["contoso", "fabrikam", "tailspin"];

export interface DemoUser {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
  partnerKey: DemoPartnerKey | null;
  partnerId: string | null;
  createdAt: Date;
}

export const DEMO_OPERATOR_EMAIL = "operator@microsoft.example";

const PARTNER_ROLES: { role: UserRole; mailbox: string }[] = [
  { role: "ADMIN_AGENT", mailbox: "admin" },
  { role: "BILLING_ADMIN", mailbox: "billing" },
  { role: "SALES_AGENT", mailbox: "sales" },
];

const DAY = 86_400_000;

export const DEMO_USERS: readonly DemoUser[] = [
  ...PARTNER_TABLE.flatMap((row) =>
    PARTNER_ROLES.map(({ role, mailbox }, index): DemoUser => {
      const partner = DEMO_PARTNERS[row.key];
      const email = `${mailbox}@${partner.emailDomain}`;
      return {
        id: deterministicCuid(`user:${email}`),
        email,
        displayName: row.people[index],
        role,
        partnerKey: row.key,
        partnerId: partner.id,
        createdAt: new Date(partner.createdAt.getTime() + index * 3 * DAY),
      };
    }),
  ),
  {
    id: deterministicCuid(`user:${DEMO_OPERATOR_EMAIL}`),
    email: DEMO_OPERATOR_EMAIL,
    displayName: "Alex Morgan",
    role: "OPERATOR",
    partnerKey: null,
    partnerId: null,
    createdAt: new Date("2020-10-01T12:00:00Z"),
  },
];

export interface DemoSignIn {
  email: string;
  role: UserRole;
  displayName: string;
  /** Null for the Microsoft operator, who belongs to no partner. */
  partnerName: string | null;
  partnerKind: PartnerKind | null;
}

/** Every demo account (all share DEMO_PASSWORD), for the README and end-to-end tests. */
export const DEMO_SIGN_INS: readonly DemoSignIn[] = DEMO_USERS.map((user) => {
  const partner = user.partnerKey ? DEMO_PARTNERS[user.partnerKey] : null;
  return {
    email: user.email,
    role: user.role,
    displayName: user.displayName,
    partnerName: partner?.name ?? null,
    partnerKind: partner?.kind ?? null,
  };
});

export interface DemoCustomer {
  id: string;
  companyName: string;
  domain: string;
  tenantId: string;
  country: string;
  partnerKey: DemoPartnerKey;
  partnerId: string;
  createdAt: Date;
}

export interface DemoSubscription {
  id: string;
  type: AzureSubscriptionType;
  displayName: string;
  status: AzureSubscriptionStatus;
  customerId: string | null;
  rollsUpToPartnerId: string;
  createdAt: Date;
}

/** "Lamna Healthcare Company" → "lamnahealthcare"; diacritics dropped ("Präzision" → "prazision"). */
export function domainSlug(companyName: string): string {
  return companyName
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\b(inc|ltd|llc|llp|plc|gmbh|ag|sa|company)\b\.?/gi, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

const CUSTOMERS_FROM = new Date("2024-01-08T09:00:00Z");
const CUSTOMERS_TO = new Date("2026-09-30T17:00:00Z");
const LATEST_SUBSCRIPTION = new Date("2026-10-31T17:00:00Z");

/** The CSP partner of record: the distributor for a reseller's customers, else the owner itself. */
function billedPartner(owner: DemoPartner): DemoPartner {
  return owner.kind === "INDIRECT_RESELLER" ? DEMO_PARTNERS[DEMO_DISTRIBUTOR_KEY] : owner;
}

const customers: DemoCustomer[] = [];
const subscriptions: DemoSubscription[] = [];

for (const row of DEMO_CUSTOMER_TABLE) {
  const owner = DEMO_PARTNERS[row.partner];
  const domain = `${row.slug ?? domainSlug(row.name)}.onmicrosoft.com`;
  const customer: DemoCustomer = {
    id: deterministicCuid(`customer:${domain}`),
    companyName: row.name,
    domain,
    tenantId: deterministicGuid(`tenant:${domain}`),
    country: row.country,
    partnerKey: owner.key,
    partnerId: owner.id,
    createdAt: deterministicDate(`customer:${domain}`, CUSTOMERS_FROM, CUSTOMERS_TO),
  };
  customers.push(customer);

  const random = seededRandom(`subscriptions:${domain}`);
  const names = ["Azure plan"];
  if (random() < 0.45) {
    const suffix = SECOND_SUBSCRIPTION_NAMES[randomInt(random, 0, SECOND_SUBSCRIPTION_NAMES.length - 1)];
    names.push(`${row.short} ${suffix}`);
  }
  names.forEach((displayName, index) => {
    const offsetDays = index === 0 ? randomInt(random, 0, 2) : randomInt(random, 20, 400);
    const createdAt = new Date(Math.min(customer.createdAt.getTime() + offsetDays * DAY + randomInt(random, 0, 480) * 60_000, LATEST_SUBSCRIPTION.getTime()));
    subscriptions.push({
      id: deterministicGuid(`subscription:${domain}:${index}`),
      type: "CSP",
      displayName,
      status: row.suspended && index === names.length - 1 ? "SUSPENDED" : "ACTIVE",
      customerId: customer.id,
      rollsUpToPartnerId: billedPartner(owner).id,
      createdAt,
    });
  });
}

// Azure Partner Shared Services: the CSP partners' own subscriptions (no customer).
for (const key of [DEMO_DISTRIBUTOR_KEY, DEMO_DIRECT_CSP_KEY] as const) {
  const partner = DEMO_PARTNERS[key];
  subscriptions.push({
    id: deterministicGuid(`apss:${key}`),
    type: "APSS",
    displayName: "Azure Partner Shared Services",
    status: "ACTIVE",
    customerId: null,
    rollsUpToPartnerId: partner.id,
    createdAt: new Date(partner.createdAt.getTime() + 14 * DAY),
  });
}

export const DEMO_CUSTOMERS: readonly DemoCustomer[] = customers;

export interface DemoCustomerReader {
  id: string;
  email: string;
  displayName: string;
  customerId: string;
  customerName: string;
  partnerKey: DemoPartnerKey;
  partnerId: string;
  createdAt: Date;
}

function demoCustomerReader(companyName: string, email: string, displayName: string): DemoCustomerReader {
  const customer = customers.find((candidate) => candidate.companyName === companyName);
  if (!customer) throw new Error(`no demo customer ${companyName}`);
  return {
    id: deterministicCuid(`user:${email}`),
    email,
    displayName,
    customerId: customer.id,
    customerName: customer.companyName,
    partnerKey: customer.partnerKey,
    partnerId: customer.partnerId,
    createdAt: new Date(customer.createdAt.getTime() + 7 * DAY),
  };
}

/**
 * Customer readers (docs/customer-portal.md): a user of Adatum's customer Litware, who sees Litware's
 * charges at Adatum's prices. Kept apart from DEMO_USERS (one per partner role) and DEMO_SIGN_INS.
 */
export const DEMO_CUSTOMER_READERS: readonly DemoCustomerReader[] = [demoCustomerReader("Litware, Inc.", "finance@litwareinc.example", "Dana Whitfield")];
/** CSP subscriptions of the customers, then the APSS subscriptions of the distributor and the direct CSP. */
export const DEMO_SUBSCRIPTIONS: readonly DemoSubscription[] = subscriptions;

function assertUnique(label: string, values: readonly string[]): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) throw new Error(`demo data: duplicate ${label} ${value}`);
    seen.add(value);
  }
}

// Cheap guards so an edit to the tables fails loudly here instead of as a unique-constraint error.
assertUnique(
  "partner mpnId",
  DEMO_PARTNER_LIST.map((partner) => partner.mpnId),
);
assertUnique(
  "user email",
  DEMO_USERS.map((user) => user.email),
);
assertUnique(
  "customer domain",
  DEMO_CUSTOMERS.map((customer) => customer.domain),
);
assertUnique(
  "customer tenantId",
  DEMO_CUSTOMERS.map((customer) => customer.tenantId),
);
assertUnique(
  "subscription id",
  DEMO_SUBSCRIPTIONS.map((subscription) => subscription.id),
);
assertUnique(
  "id",
  [...DEMO_PARTNER_LIST, ...DEMO_USERS, ...DEMO_CUSTOMERS].map((row) => row.id),
);
