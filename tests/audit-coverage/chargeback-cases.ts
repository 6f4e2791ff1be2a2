// Audit-coverage cases for lib/chargeback/actions.ts: each builds fresh rows (its own partner), so
// cases never collide with each other or with other domains' cases.
import { resolvePartnerScope, type PartnerScope } from "../../lib/auth/partner-scope";
import { makeCspSubscription, makeCustomer, makeDistributorWithResellers, makeUser } from "../support/factories";
import type { AuditCaseContext, AuditCases } from "./types";

async function freshDistributor({ prisma }: AuditCaseContext): Promise<{ scope: PartnerScope; distributorId: string; resellerId: string; customerId: string }> {
  const { distributor, resellers } = await makeDistributorWithResellers(prisma, 1);
  const user = await makeUser(prisma, { partnerId: distributor.id, role: "ADMIN_AGENT" });
  const customer = await makeCustomer(prisma, { partnerId: resellers[0].id });
  await makeCspSubscription(prisma, { customerId: customer.id, rollsUpToPartnerId: distributor.id });
  const scope = await resolvePartnerScope(prisma, { userId: user.id });
  if (!scope) throw new Error("no scope for the fresh distributor admin");
  return { scope, distributorId: distributor.id, resellerId: resellers[0].id, customerId: customer.id };
}

const firstOfThisMonth = () => `${new Date().toISOString().slice(0, 7)}-01`;

export const auditCases: AuditCases = {
  "chargeback/actions#createRateCardAction": {
    prepare: async (context) => {
      const { scope, resellerId } = await freshDistributor(context);
      return { scope, input: { level: "RESELLER", resellerId } };
    },
    expectedAuditAction: "rateCard.create",
  },
  "chargeback/actions#addRateCardVersionAction": {
    prepare: async (context) => {
      const { scope, distributorId } = await freshDistributor(context);
      const card = await context.prisma.rateCard.create({ data: { ownerPartnerId: distributorId, level: "DEFAULT", subjectKey: "default", name: "Default" } });
      return {
        scope,
        input: {
          rateCardId: card.id,
          effectiveFrom: firstOfThisMonth(),
          defaultMarkupPercent: "10",
          markups: { "7bc19779-56bc-474d-8c88-36fbd79ae004": "25" },
          unitPrices: { "f271a8a3-88c4-4d93-956a-063e1d2fa80b": "0.004" },
        },
      };
    },
    expectedAuditAction: "rateCard.version.create",
  },
  "chargeback/actions#setCustomerBudgetAction": {
    prepare: async (context) => {
      const { scope, customerId } = await freshDistributor(context);
      return { scope, input: { customerId, monthlyAmount: "1500.50", currency: "USD" } };
    },
    expectedAuditAction: "customerBudget.set",
  },
  "chargeback/actions#clearCustomerBudgetAction": {
    prepare: async (context) => {
      const { scope, customerId } = await freshDistributor(context);
      await context.prisma.customerBudget.create({ data: { customerId, monthlyAmount: "100", currency: "USD" } });
      return { scope, input: { customerId } };
    },
    expectedAuditAction: "customerBudget.clear",
  },
};
