// Audit-coverage cases for lib/currency/actions.ts: each uses a fresh direct CSP, so cases never
// collide with each other or with other domains' cases.
import { resolvePartnerScope, type PartnerScope } from "../../lib/auth/partner-scope";
import { makePartner, makeUser } from "../support/factories";
import type { AuditCaseContext, AuditCases } from "./types";

async function freshDirectAdmin({ prisma }: AuditCaseContext): Promise<PartnerScope> {
  const partner = await makePartner(prisma, { kind: "DIRECT_CSP" });
  const user = await makeUser(prisma, { partnerId: partner.id, role: "ADMIN_AGENT" });
  const scope = await resolvePartnerScope(prisma, { userId: user.id });
  if (!scope) throw new Error("no scope for the fresh direct CSP admin");
  return scope;
}

export const auditCases: AuditCases = {
  "currency/actions#importExchangeRatesAction": {
    prepare: async (context) => ({
      scope: await freshDirectAdmin(context),
      input: { csv: "Month,PricingCurrency,BillingCurrency,Rate,RateDate\n2026-10,USD,EUR,0.9234,2026-09-30\n" },
    }),
    expectedAuditAction: "exchangeRate.import",
  },
  "currency/actions#setBillingCurrencyAction": {
    prepare: async (context) => ({ scope: await freshDirectAdmin(context), input: { billingCurrency: "EUR" } }),
    expectedAuditAction: "partner.billingCurrency.set",
  },
};
