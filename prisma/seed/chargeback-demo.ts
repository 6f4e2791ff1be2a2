// Demo chargeback: Northwind (distributor) has a default card and a card for Contoso (two dated
// versions), Adatum (direct CSP) a default card; two customers have monthly budgets (one set low so
// the dashboard shows a customer on pace to exceed it). Versions are dated relative to the seed day
// (the first of the month two and one months back), so the open month is free for a new version.
import type { Prisma } from "../../generated/prisma/client";
import { DEMO_CUSTOMERS, DEMO_PARTNERS } from "./demo-data";

const METER = {
  vm: "7bc19779-56bc-474d-8c88-36fbd79ae004",
  windowsVm: "fb8c0713-ea20-40bf-901f-5560fd3f6330",
  staticIp: "f271a8a3-88c4-4d93-956a-063e1d2fa80b",
  dynamicIp: "9e2739ba-8674-4796-b465-f64674b822ba",
  keyVault: "ebf13b9f-b3ea-46fe-bf54-396e93d48ab4",
};

const monthStart = (now: Date, monthsBack: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, 1));

function customerId(name: string): string {
  const customer = DEMO_CUSTOMERS.find((row) => row.companyName === name);
  if (!customer) throw new Error(`demo chargeback: no demo customer ${name}`);
  return customer.id;
}

interface VersionSeed {
  from: Date;
  defaultMarkup: string | null;
  note: string;
  markups?: Record<string, string>;
  unitPrices?: Record<string, string>;
}

async function card(
  tx: Prisma.TransactionClient,
  data: { owner: string; level: "DEFAULT" | "RESELLER"; resellerId?: string; subjectKey: string; name: string },
  versions: VersionSeed[],
) {
  await tx.rateCard.create({
    data: {
      ownerPartnerId: data.owner,
      level: data.level,
      resellerId: data.resellerId ?? null,
      subjectKey: data.subjectKey,
      name: data.name,
      versions: {
        create: versions.map((v) => ({
          effectiveFrom: v.from,
          defaultMarkupPercent: v.defaultMarkup,
          note: v.note,
          entries: {
            create: [
              ...Object.entries(v.markups ?? {}).map(([commerceMeterId, markupPercent]) => ({ commerceMeterId, markupPercent })),
              ...Object.entries(v.unitPrices ?? {}).map(([localMeterId, unitPrice]) => ({ localMeterId, unitPrice })),
            ],
          },
        })),
      },
    },
    select: { id: true },
  });
}

export async function seedDemoChargeback(tx: Prisma.TransactionClient, now: Date = new Date()): Promise<void> {
  const northwind = DEMO_PARTNERS.northwind.id;
  const contoso = DEMO_PARTNERS.contoso.id;
  await card(tx, { owner: northwind, level: "DEFAULT", subjectKey: "default", name: "Northwind default" }, [
    {
      from: monthStart(now, 2),
      defaultMarkup: "15",
      note: "Launch prices (demo data)",
      unitPrices: { [METER.staticIp]: "0.004", [METER.dynamicIp]: "0.003", [METER.keyVault]: "0.03" },
    },
  ]);
  await card(tx, { owner: northwind, level: "RESELLER", resellerId: contoso, subjectKey: `reseller:${contoso}`, name: "Reseller: Contoso IT Services" }, [
    { from: monthStart(now, 2), defaultMarkup: "20", note: "Contoso partner terms (demo data)" },
    { from: monthStart(now, 1), defaultMarkup: "20", note: "Compute discount (demo data)", markups: { [METER.vm]: "18", [METER.windowsVm]: "10" } },
  ]);
  await card(tx, { owner: DEMO_PARTNERS.adatum.id, level: "DEFAULT", subjectKey: "default", name: "Adatum default" }, [
    { from: monthStart(now, 2), defaultMarkup: "12", note: "Standard markup (demo data)", unitPrices: { [METER.staticIp]: "0.005" } },
  ]);
  await tx.customerBudget.createMany({
    data: [
      { customerId: customerId("Alpine Ski House"), monthlyAmount: "1.00", currency: "USD" },
      { customerId: customerId("Litware, Inc."), monthlyAmount: "50000.00", currency: "USD" },
    ],
  });
}
