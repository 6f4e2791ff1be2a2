// Demo invoicing: Northwind's and Adatum's invoice settings (bill-from, number format NW-/AD-{year}-
// {seq:6}, the default 3-day close grace, 30-day terms) and a billing profile for every demo customer
// (legal name, an accounts-payable contact at its domain; German customers with 19 % VAT, the rest
// without tax). Periods are not closed here: the schedule or an admin closes them.
import type { Prisma } from "../../generated/prisma/client";
import { DEMO_CUSTOMERS, DEMO_PARTNERS } from "./demo-data";

export async function seedDemoInvoicing(tx: Prisma.TransactionClient): Promise<void> {
  await tx.partnerBillingSettings.createMany({
    data: [
      {
        partnerId: DEMO_PARTNERS.northwind.id,
        legalName: "Northwind Cloud Distribution Ltd",
        address: "1 Harbour Street\nSeattle, WA 98101\nUnited States",
        taxId: "US-91-1234567",
        invoiceNumberFormat: "NW-{year}-{seq:6}",
      },
      {
        partnerId: DEMO_PARTNERS.adatum.id,
        legalName: "Adatum Cloud Partners Inc.",
        address: "200 Market Avenue\nSan Francisco, CA 94105\nUnited States",
        taxId: "US-94-7654321",
        invoiceNumberFormat: "AD-{year}-{seq:6}",
      },
    ],
  });
  await tx.customerBillingProfile.createMany({
    data: DEMO_CUSTOMERS.map((customer) => ({
      customerId: customer.id,
      legalName: customer.companyName,
      address: customer.country,
      taxRatePercent: customer.country === "DE" ? "19" : "0",
      billingEmails: [`ap@${customer.domain}`],
    })),
  });
}
