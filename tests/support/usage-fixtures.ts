// Usage pipeline fixtures: a registration with a customer tenant, price lists written straight to
// the database, and usageAggregates records in the stamp's wire shape.
import type { PrismaClient } from "../../generated/prisma/client";
import { makeApssSubscription } from "./factories";
import { makeRegistration } from "./registration-fixtures";
import type { World } from "./world";

export const METERS = {
  baseVm: "FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5",
  windowsVm: "9CD92D4C-BAFD-4492-B278-BEDC2DE8232A",
  blockBlob: "09F8879E-87E9-4305-A572-4B7BE209F857",
  /** Static IP Address Usage: known locally, not billed by Microsoft. */
  staticIp: "F271A8A388C44D93956A063E1D2FA80B",
};
export const COMMERCE = {
  vm: "7bc19779-56bc-474d-8c88-36fbd79ae004",
  vmAdmin: "3e59e16d-a651-4979-a727-423969613c6b",
  windowsVm: "fb8c0713-ea20-40bf-901f-5560fd3f6330",
  blockBlob: "8a913f38-33b4-4772-9488-e89522fc09e5",
};

export async function makePriceList(
  prisma: PrismaClient,
  options: { market: string; currency: string; effectiveFrom: string; prices: Record<string, string> },
): Promise<string> {
  const version = await prisma.priceListVersion.create({
    data: { effectiveFrom: new Date(`${options.effectiveFrom}T00:00:00Z`), status: "PUBLISHED", sourceFileName: "test.csv", publishedAt: new Date() },
  });
  await prisma.priceListVersionMarket.create({ data: { versionId: version.id, market: options.market, currency: options.currency, rowCount: 1 } });
  let line = 1;
  for (const [meterId, unitPrice] of Object.entries(options.prices)) {
    line += 1;
    await prisma.priceListItem.create({
      data: {
        versionId: version.id,
        sourceLine: line,
        productId: "P",
        productTitle: "Azure Stack Hub",
        skuId: "S",
        skuTitle: meterId,
        publisher: "Microsoft",
        skuDescription: "",
        unitOfMeasure: "1 Hour",
        termDuration: "",
        market: options.market,
        currency: options.currency,
        unitPrice,
        effectiveStartDate: new Date(`${options.effectiveFrom}T00:00:00Z`),
        meterId,
        meterIds: meterId,
        meterType: "",
        meterName: meterId,
        meterCategory: "Azure Stack Hub",
        meterSubCategory: "",
        region: "Azure Stack",
        tags: "",
        searchWords: [line - 1],
      },
    });
    // The row's one search word (its meter id, as the sku and meter names are): word id line - 1.
    await prisma.priceListWord.create({ data: { versionId: version.id, id: line - 1, word: meterId } });
  }
  return version.id;
}

/** A PAY_AS_YOU_USE (or CAPACITY) registration of the direct CSP with its customer's tenant added. */
export async function makeUsageRegistration(prisma: PrismaClient, world: World, billingModel: "PAY_AS_YOU_USE" | "CAPACITY" = "PAY_AS_YOU_USE") {
  const partnerId = world.partners.direct.id;
  const apss = await makeApssSubscription(prisma, partnerId);
  const registration = await makeRegistration(prisma, { partnerId, subscriptionId: apss.id, billingModel });
  const customer = world.customers.direct;
  await prisma.customerSubscriptionRegistration.create({
    data: { registrationId: registration.id, tenantId: customer.customer.tenantId, customerSubscriptionId: customer.subscription.id },
  });
  return { registration, defaultSubscriptionId: apss.id, tenantId: customer.customer.tenantId, customerSubscriptionId: customer.subscription.id };
}

export interface RecordOptions {
  subscriptionId?: string;
  meterId?: string;
  start: string;
  hours?: number;
  quantity?: number | string;
  resourceUri?: string;
  instanceData?: unknown;
}

/** One hourly record in the usageAggregates wire shape (instanceData a JSON string). */
export function usageRecord(options: RecordOptions) {
  const start = new Date(options.start);
  const end = new Date(start.getTime() + (options.hours ?? 1) * 3_600_000);
  const subscriptionId = options.subscriptionId ?? "tenant-sub-1";
  const meterId = options.meterId ?? METERS.baseVm;
  const resourceUri = options.resourceUri ?? `/subscriptions/${subscriptionId}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1`;
  return {
    id: `/subscriptions/${subscriptionId}/providers/Microsoft.Commerce/UsageAggregate/${subscriptionId}-${meterId}`,
    name: `${subscriptionId}-${meterId}`,
    type: "Microsoft.Commerce/UsageAggregate",
    properties: {
      subscriptionId,
      usageStartTime: start.toISOString().replace(".000Z", "+00:00"),
      usageEndTime: end.toISOString().replace(".000Z", "+00:00"),
      instanceData:
        options.instanceData !== undefined
          ? options.instanceData
          : JSON.stringify({
              "Microsoft.Resources": { resourceUri, location: "local", tags: { env: "test" }, additionalInfo: { ServiceType: "Standard_D2" } },
            }),
      quantity: options.quantity ?? 2,
      meterId,
    },
  };
}
