// Audit-coverage cases of the core domains: customers, registrations, API tokens, ingestion keys,
// auth (see types.ts). Each prepare builds fresh rows on the case's own world.
import { randomUUID } from "node:crypto";
import { makeApssSubscription, makeCspSubscription, uniqueSuffix } from "../support/factories";
import { makeApiToken, makeRegistration, refOf } from "../support/registration-fixtures";
import { createIngestionKey } from "../../lib/usage/ingestion-keys/manage-ingestion-keys";
import { putCustomerSubscription } from "../../lib/registrations/customer-subscriptions";
import type { AuditCaseContext, AuditCases, AuditExemptions } from "./types";

/** An approved pay-as-you-use registration of the world's distributor, on its APSS subscription. */
async function distributorRegistration({ prisma, world }: AuditCaseContext, multiTenancyState: "APPROVED" | "NOT_REQUESTED" | "PENDING" = "APPROVED") {
  const apss = await makeApssSubscription(prisma, world.partners.distributor.id);
  return makeRegistration(prisma, { partnerId: world.partners.distributor.id, subscriptionId: apss.id, multiTenancyState });
}

export const auditCases: AuditCases = {
  "customers/actions#createCustomerAction": {
    expectedAuditAction: "customer.create",
    prepare: async ({ world }) => {
      const suffix = uniqueSuffix().replace(/[^a-z0-9]/g, "");
      return {
        scope: await world.scope("resellerA", "SALES_AGENT"),
        input: { companyName: "Audited Co", domain: `audited${suffix}.onmicrosoft.com`, country: "US" },
      };
    },
  },
  "customers/actions#updateCustomerAction": {
    expectedAuditAction: "customer.update",
    prepare: async ({ world }) => ({
      scope: await world.scope("direct", "ADMIN_AGENT"),
      input: { customerId: world.customers.direct.customer.id, companyName: "Renamed Co", country: "GB" },
    }),
  },
  "customers/actions#addCspSubscriptionAction": {
    expectedAuditAction: "subscription.create",
    prepare: async ({ world }) => ({
      scope: await world.scope("resellerB", "ADMIN_AGENT"),
      input: { customerId: world.customers.resellerB.customer.id, displayName: "Second plan" },
    }),
  },
  "customers/actions#moveCustomerAction": {
    expectedAuditAction: "customer.move",
    prepare: async ({ world }) => ({
      scope: await world.scope("distributor", "ADMIN_AGENT"),
      input: { customerId: world.customers.resellerA.customer.id, toPartnerId: world.partners.resellerB.id, note: "coverage" },
    }),
  },

  "registrations/actions#createRegistrationAction": {
    expectedAuditAction: "registration.create",
    prepare: async ({ prisma, world }) => {
      const apss = await makeApssSubscription(prisma, world.partners.direct.id);
      return {
        scope: await world.scope("direct", "ADMIN_AGENT"),
        input: {
          subscriptionId: apss.id,
          resourceGroup: "azurestack",
          cloudDeploymentId: randomUUID(),
          stampName: "Coverage stamp",
          stampRegion: "westus2",
          billingModel: "PAY_AS_YOU_USE",
          usageReportingEnabled: "true",
        },
      };
    },
  },
  "registrations/actions#reregisterAction": {
    expectedAuditAction: "registration.reregister",
    prepare: async (context) => {
      const registration = await distributorRegistration(context);
      return {
        scope: await context.world.scope("distributor", "ADMIN_AGENT"),
        input: {
          registrationId: registration.id,
          stampName: registration.stampName,
          stampRegion: registration.stampRegion,
          billingModel: "CAPACITY",
          agreementNumber: "AZS-CAP-COVERAGE",
        },
      };
    },
  },
  "registrations/actions#requestMultiTenancyAction": {
    expectedAuditAction: "registration.multiTenancy.request",
    prepare: async (context) => {
      const registration = await distributorRegistration(context, "NOT_REQUESTED");
      return { scope: await context.world.scope("distributor", "ADMIN_AGENT"), input: { registrationId: registration.id } };
    },
  },
  "registrations/actions#decideMultiTenancyAction": {
    expectedAuditAction: "registration.multiTenancy.approve",
    prepare: async (context) => {
      const registration = await distributorRegistration(context, "PENDING");
      return { scope: await context.world.operatorScope(), input: { registrationId: registration.id, decision: "APPROVED" } };
    },
  },
  "registrations/actions#addCustomerTenantAction": {
    expectedAuditAction: "registration.customerSubscription.add",
    prepare: async (context) => {
      const registration = await distributorRegistration(context);
      return {
        scope: await context.world.scope("distributor", "ADMIN_AGENT"),
        input: { registrationId: registration.id, customerSubscriptionId: context.world.customers.resellerA.subscription.id },
      };
    },
  },
  "registrations/actions#removeCustomerTenantAction": {
    expectedAuditAction: "registration.customerSubscription.remove",
    prepare: async (context) => {
      const registration = await distributorRegistration(context);
      const scope = await context.world.scope("distributor", "ADMIN_AGENT");
      const subscription = await makeCspSubscription(context.prisma, {
        customerId: context.world.customers.resellerB.customer.id,
        rollsUpToPartnerId: context.world.partners.distributor.id,
      });
      await putCustomerSubscription(scope, refOf(registration), { customerSubscriptionId: subscription.id });
      return { scope, input: { registrationId: registration.id, customerSubscriptionId: subscription.id } };
    },
  },

  "api-tokens/actions#createApiTokenAction": {
    expectedAuditAction: "apiToken.create",
    prepare: async ({ world }) => ({ scope: await world.scope("resellerA", "ADMIN_AGENT"), input: { name: "coverage script" } }),
  },
  "api-tokens/actions#revokeApiTokenAction": {
    expectedAuditAction: "apiToken.revoke",
    prepare: async ({ prisma, world }) => {
      const scope = await world.scope("direct", "ADMIN_AGENT");
      const token = await makeApiToken(prisma, { partnerId: world.partners.direct.id, createdByUserId: scope.userId });
      return { scope, input: { tokenId: token.id } };
    },
  },

  "usage/ingestion-keys/actions#createIngestionKeyAction": {
    expectedAuditAction: "ingestionKey.create",
    prepare: async (context) => {
      const registration = await distributorRegistration(context);
      return {
        scope: await context.world.scope("distributor", "ADMIN_AGENT"),
        input: { registrationId: registration.id, name: "collector-01" },
      };
    },
  },
  "usage/ingestion-keys/actions#revokeIngestionKeyAction": {
    expectedAuditAction: "ingestionKey.revoke",
    prepare: async (context) => {
      const registration = await distributorRegistration(context);
      const scope = await context.world.scope("distributor", "ADMIN_AGENT");
      const key = await createIngestionKey(scope, { registrationId: registration.id, name: "collector-02" });
      return { scope, input: { registrationId: registration.id, keyId: key.id } };
    },
  },

  "stamps/actions#saveStampConnectionAction": {
    expectedAuditAction: "stamp.connection.create",
    prepare: async (context) => {
      process.env.STACKCENTER_SECRET_KEY ??= "audit-coverage-secret-key";
      const registration = await distributorRegistration(context);
      return {
        scope: await context.world.scope("distributor", "ADMIN_AGENT"),
        input: {
          registrationId: registration.id,
          armEndpoint: "https://adminmanagement.local.azurestack.external",
          identitySystem: "ADFS",
          clientId: randomUUID(),
          credentialKind: "secret",
          credential: "coverage-secret",
          providerSubscriptionId: randomUUID(),
        },
      };
    },
  },
};

export const auditExemptions: AuditExemptions = {
  "auth/actions#selectResellerAction":
    "Changes no data: it only keeps a distributor's reseller view filter in a cookie (the scope is re-checked on every request).",
  "stamps/actions#testStampConnectionAction": "Read-only: tries the stored connection (metadata, a token, one hour of usage) and stores nothing.",
  "registrations/actions#verifyCustomerTenantAction":
    "Read-only: the GET of a customer subscription on a registration, to prove it is there; it writes nothing.",
};
