import "server-only";
// A customer's billing profile for its billing partner's form (defaults when never saved).
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { findBilledCustomer } from "./find-billed-customer";
import { unsafeCustomerBillingCurrency } from "../chargeback/customer-billing-currency";

export interface CustomerBillingProfileView {
  customerId: string;
  companyName: string;
  legalName: string;
  address: string;
  taxId: string;
  taxRatePercent: string;
  reverseCharge: boolean;
  paymentTermsDays: number | null;
  billingEmails: string[];
  /** The currency the customer is billed in (credit and fee amounts are in it). */
  currency: string;
}

export async function getCustomerBillingProfile(scope: PartnerScope, customerId: string): Promise<CustomerBillingProfileView> {
  const customer = await findBilledCustomer(scope, customerId);
  const prisma = await getPrisma();
  const profile = await prisma.customerBillingProfile.findUnique({
    where: { customerId: customer.id },
    select: { legalName: true, address: true, taxId: true, taxRatePercent: true, reverseCharge: true, paymentTermsDays: true, billingEmails: true },
  });
  return {
    customerId: customer.id,
    companyName: customer.companyName,
    legalName: profile?.legalName ?? customer.companyName,
    address: profile?.address ?? "",
    taxId: profile?.taxId ?? "",
    taxRatePercent: profile?.taxRatePercent.toString() ?? "0",
    reverseCharge: profile?.reverseCharge ?? false,
    paymentTermsDays: profile?.paymentTermsDays ?? null,
    billingEmails: profile?.billingEmails ?? [],
    currency: await unsafeCustomerBillingCurrency(prisma, customer.id),
  };
}
