// Audit-coverage cases for lib/invoices/actions.ts and lib/periods/actions.ts: each builds a fresh
// direct CSP (its own rows), so cases never collide with each other or with other domains' cases.
import { resolvePartnerScope, type PartnerScope } from "../../lib/auth/partner-scope";
import { makeCspSubscription, makeCustomer, makePartner, makeUser } from "../support/factories";
import { startSmtpSink } from "../support/smtp-sink";
import type { AuditCaseContext, AuditCases } from "./types";

async function freshDirect({ prisma }: AuditCaseContext): Promise<{ scope: PartnerScope; partnerId: string; customerId: string }> {
  const partner = await makePartner(prisma, { kind: "DIRECT_CSP" });
  const user = await makeUser(prisma, { partnerId: partner.id, role: "BILLING_ADMIN" });
  const customer = await makeCustomer(prisma, { partnerId: partner.id });
  await makeCspSubscription(prisma, { customerId: customer.id, rollsUpToPartnerId: partner.id });
  const scope = await resolvePartnerScope(prisma, { userId: user.id });
  if (!scope) throw new Error("no scope for the fresh direct CSP");
  return { scope, partnerId: partner.id, customerId: customer.id };
}

const nextPeriod = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 7);
};
const lastPeriod = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
};

export const auditCases: AuditCases = {
  "periods/actions#closePeriodAction": {
    prepare: async (context) => {
      const { scope } = await freshDirect(context);
      return { scope, input: { period: lastPeriod(), confirm: lastPeriod() } };
    },
    expectedAuditAction: "period.close",
  },
  "invoices/actions#sendInvoiceAction": {
    prepare: async (context) => {
      const { scope, partnerId, customerId } = await freshDirect(context);
      const sink = await startSmtpSink();
      Object.assign(process.env, sink.env);
      const close = await context.prisma.billingPeriodClose.create({
        data: {
          partnerId,
          period: lastPeriod(),
          reconCsvGzip: new Uint8Array(),
          reconSha256: "",
          reconBytes: 0,
          microsoftCost: "0",
          revenue: "0",
          invoiceCount: 1,
        },
      });
      const invoice = await context.prisma.invoice.create({
        data: {
          partnerId,
          customerId,
          closeId: close.id,
          period: close.period,
          number: "T-1",
          year: 2026,
          sequence: 1,
          issueDate: new Date(),
          dueDate: new Date(),
          currency: "USD",
          subtotal: "1",
          taxRatePercent: "0",
          taxAmount: "0",
          total: "1",
          reverseCharge: false,
          microsoftCost: "0",
          billFrom: {},
          billTo: {},
          billingEmails: ["ap@customer.test"],
          pdf: new Uint8Array([37, 80, 68, 70]),
          pdfSha256: "",
        },
      });
      return { scope, input: { invoiceId: invoice.id } };
    },
    expectedAuditAction: "invoice.send",
  },
  "invoices/actions#saveBillingSettingsAction": {
    prepare: async (context) => {
      const { scope } = await freshDirect(context);
      return {
        scope,
        input: {
          legalName: "Fresh Ltd",
          address: "1 Road",
          taxId: "X1",
          invoiceNumberFormat: "FR-{year}-{seq:5}",
          closeGraceDays: 3,
          defaultPaymentTermsDays: 30,
        },
      };
    },
    expectedAuditAction: "billingSettings.update",
  },
  "invoices/actions#saveCustomerBillingProfileAction": {
    prepare: async (context) => {
      const { scope, customerId } = await freshDirect(context);
      return {
        scope,
        input: {
          customerId,
          legalName: "Customer GmbH",
          address: "",
          taxId: "",
          taxRatePercent: "19",
          reverseCharge: false,
          billingEmails: ["ap@customer.test"],
        },
      };
    },
    expectedAuditAction: "customerBillingProfile.update",
  },
  "invoices/actions#createCustomerCreditAction": {
    prepare: async (context) => {
      const { scope, customerId } = await freshDirect(context);
      return { scope, input: { customerId, kind: "ONE_TIME_CREDIT", description: "Goodwill", amount: "10.00", startPeriod: nextPeriod() } };
    },
    expectedAuditAction: "customerCredit.create",
  },
  "invoices/actions#revokeCustomerCreditAction": {
    prepare: async (context) => {
      const { scope, partnerId, customerId } = await freshDirect(context);
      const credit = await context.prisma.customerCredit.create({
        data: { partnerId, customerId, kind: "RECURRING_CREDIT", description: "Monthly", amount: "5", startPeriod: nextPeriod() },
      });
      return { scope, input: { creditId: credit.id } };
    },
    expectedAuditAction: "customerCredit.revoke",
  },
};
