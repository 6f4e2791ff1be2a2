// Demo registrations and API tokens (deterministic, like ./demo-data): Northwind (the distributor)
// registers one stamp approved for multi-tenancy with four of its resellers' customers' tenants, and
// a second stamp still waiting for approval (something for the operator to approve); Adatum (direct
// CSP) registers a pay-as-you-use stamp with three tenants and a disconnected Capacity stamp.
// Every demo partner gets one API token with a FIXED, published value (README / DEMO_API_TOKENS):
// demo data only, exactly like DEMO_PASSWORD.
import type { Prisma } from "../../generated/prisma/client";
import type { BillingModel, MultiTenancyState } from "../../generated/prisma/enums";
import { apiTokenDisplayPrefix, hashApiToken } from "../../lib/api-tokens/api-token-format";
import { DEMO_CUSTOMERS, DEMO_PARTNERS, DEMO_SUBSCRIPTIONS, DEMO_USERS, type DemoPartnerKey } from "./demo-data";
import { deterministicCuid, deterministicGuid } from "./prng";

export interface DemoRegistration {
  key: string;
  id: string;
  partnerKey: DemoPartnerKey;
  name: string;
  resourceGroup: string;
  subscriptionId: string;
  cloudDeploymentId: string;
  objectId: string;
  stampName: string;
  stampRegion: string;
  billingModel: BillingModel;
  agreementNumber: string | null;
  usageReportingEnabled: boolean;
  multiTenancyState: MultiTenancyState;
  multiTenancyRequestedAt: Date | null;
  multiTenancyDecidedAt: Date | null;
  createdAt: Date;
  /** Customer CSP subscriptions added (their tenants), in order. */
  customerSubscriptionIds: string[];
}

interface RegistrationRow {
  key: string;
  partner: "northwind" | "adatum";
  stampName: string;
  stampRegion: string;
  billingModel: BillingModel;
  agreementNumber?: string;
  state: MultiTenancyState;
  createdAt: string;
  requestedAt?: string;
  decidedAt?: string;
  /** [customer owner, how many of its customers] whose tenants are added. */
  tenants: [DemoPartnerKey, number][];
}

const REGISTRATION_TABLE: RegistrationRow[] = [
  {
    key: "northwind-chicago",
    partner: "northwind",
    stampName: "NWD-CHI-01",
    stampRegion: "chicago",
    billingModel: "PAY_AS_YOU_USE",
    state: "APPROVED",
    createdAt: "2025-03-04T15:20:00Z",
    requestedAt: "2025-03-04T15:45:00Z",
    decidedAt: "2025-03-06T10:05:00Z",
    tenants: [
      ["contoso", 2],
      ["fabrikam", 1],
      ["tailspin", 1],
    ],
  },
  {
    key: "northwind-dublin",
    partner: "northwind",
    stampName: "NWD-DUB-01",
    stampRegion: "dublin",
    billingModel: "PAY_AS_YOU_USE",
    state: "PENDING",
    createdAt: "2026-10-20T09:10:00Z",
    requestedAt: "2026-10-20T09:30:00Z",
    tenants: [],
  },
  {
    key: "adatum-seattle",
    partner: "adatum",
    stampName: "ADT-SEA-01",
    stampRegion: "seattle",
    billingModel: "PAY_AS_YOU_USE",
    state: "APPROVED",
    createdAt: "2024-11-12T17:00:00Z",
    requestedAt: "2024-11-12T17:30:00Z",
    decidedAt: "2024-11-14T08:15:00Z",
    tenants: [["adatum", 3]],
  },
  {
    key: "adatum-denver",
    partner: "adatum",
    stampName: "ADT-DEN-01",
    stampRegion: "denver",
    billingModel: "CAPACITY",
    agreementNumber: "AZS-CAP-58213947",
    state: "NOT_REQUESTED",
    createdAt: "2025-06-23T13:40:00Z",
    tenants: [],
  },
];

/** The first ACTIVE CSP subscriptions of the first `count` customers of `owner` that have one. */
function tenantSubscriptions(owner: DemoPartnerKey, count: number): string[] {
  const picked: string[] = [];
  for (const customer of DEMO_CUSTOMERS.filter((row) => row.partnerKey === owner)) {
    const subscription = DEMO_SUBSCRIPTIONS.find((row) => row.customerId === customer.id && row.status === "ACTIVE");
    if (subscription) picked.push(subscription.id);
    if (picked.length === count) return picked;
  }
  throw new Error(`demo registrations: ${owner} has fewer than ${count} customers with an active subscription`);
}

export const DEMO_REGISTRATIONS: readonly DemoRegistration[] = REGISTRATION_TABLE.map((row) => {
  const cloudDeploymentId = deterministicGuid(`cloud:${row.key}`);
  return {
    key: row.key,
    id: deterministicCuid(`registration:${row.key}`),
    partnerKey: row.partner,
    // Set-AzsRegistration's defaults: resource group "azurestack", name "azurestack-{CloudDeploymentID}".
    name: `azurestack-${cloudDeploymentId}`,
    resourceGroup: "azurestack",
    subscriptionId: deterministicGuid(`apss:${row.partner}`),
    cloudDeploymentId,
    objectId: deterministicGuid(`registration-object:${row.key}`),
    stampName: row.stampName,
    stampRegion: row.stampRegion,
    billingModel: row.billingModel,
    agreementNumber: row.agreementNumber ?? null,
    usageReportingEnabled: row.billingModel === "PAY_AS_YOU_USE",
    multiTenancyState: row.state,
    multiTenancyRequestedAt: row.requestedAt ? new Date(row.requestedAt) : null,
    multiTenancyDecidedAt: row.decidedAt ? new Date(row.decidedAt) : null,
    createdAt: new Date(row.createdAt),
    customerSubscriptionIds: row.tenants.flatMap(([owner, count]) => tenantSubscriptions(owner, count)),
  };
});

export interface DemoApiToken {
  partnerKey: DemoPartnerKey;
  name: string;
  /** The plaintext (published for the demo; only its hash is stored). */
  token: string;
}

export const DEMO_API_TOKENS: readonly DemoApiToken[] = (Object.keys(DEMO_PARTNERS) as DemoPartnerKey[]).map((key) => ({
  partnerKey: key,
  name: "Stamp automation (demo)",
  token: `sc_demo_${key}_${deterministicGuid(`api-token:${key}`).replace(/-/g, "")}`,
}));

function adminUserId(partnerKey: DemoPartnerKey): string {
  const admin = DEMO_USERS.find((user) => user.partnerKey === partnerKey && user.role === "ADMIN_AGENT");
  if (!admin) throw new Error(`demo registrations: ${partnerKey} has no admin agent`);
  return admin.id;
}

const MINUTE = 60_000;

/** Inserts the demo registrations, their tenants and the demo API tokens (inside the seeding transaction). */
export async function seedDemoRegistrations(tx: Prisma.TransactionClient): Promise<void> {
  await tx.registration.createMany({
    data: DEMO_REGISTRATIONS.map((registration) => ({
      id: registration.id,
      partnerId: DEMO_PARTNERS[registration.partnerKey].id,
      name: registration.name,
      resourceGroup: registration.resourceGroup,
      subscriptionId: registration.subscriptionId,
      cloudDeploymentId: registration.cloudDeploymentId,
      objectId: registration.objectId,
      stampName: registration.stampName,
      stampRegion: registration.stampRegion,
      billingModel: registration.billingModel,
      agreementNumber: registration.agreementNumber,
      usageReportingEnabled: registration.usageReportingEnabled,
      multiTenancyState: registration.multiTenancyState,
      multiTenancyRequestedAt: registration.multiTenancyRequestedAt,
      multiTenancyDecidedAt: registration.multiTenancyDecidedAt,
      createdAt: registration.createdAt,
      updatedAt: registration.multiTenancyDecidedAt ?? registration.multiTenancyRequestedAt ?? registration.createdAt,
    })),
  });

  const tenantOf = new Map(DEMO_SUBSCRIPTIONS.map((row) => [row.id, DEMO_CUSTOMERS.find((customer) => customer.id === row.customerId)?.tenantId]));
  await tx.customerSubscriptionRegistration.createMany({
    data: DEMO_REGISTRATIONS.flatMap((registration) =>
      registration.customerSubscriptionIds.map((customerSubscriptionId, index) => {
        const tenantId = tenantOf.get(customerSubscriptionId);
        if (!tenantId) throw new Error(`demo registrations: ${customerSubscriptionId} has no tenant`);
        // Tenants were added after approval, a few minutes apart.
        const addedAt = new Date((registration.multiTenancyDecidedAt ?? registration.createdAt).getTime() + (index + 1) * 7 * MINUTE);
        return {
          id: deterministicCuid(`customer-subscription-registration:${registration.key}:${customerSubscriptionId}`),
          registrationId: registration.id,
          customerSubscriptionId,
          tenantId,
          createdAt: addedAt,
          updatedAt: addedAt,
        };
      }),
    ),
  });

  await tx.apiToken.createMany({
    data: DEMO_API_TOKENS.map((demo) => ({
      id: deterministicCuid(`api-token:${demo.partnerKey}`),
      partnerId: DEMO_PARTNERS[demo.partnerKey].id,
      name: demo.name,
      prefix: apiTokenDisplayPrefix(demo.token),
      tokenHash: hashApiToken(demo.token),
      createdByUserId: adminUserId(demo.partnerKey),
      createdAt: new Date("2026-11-02T09:00:00Z"),
    })),
  });
}
