import "server-only";
// Display labels of a cost analysis's group keys. UNSAFE (unscoped): it names whatever ids it is
// given, so callers pass only keys their scoped query returned (never ids from a request).
import { getPrisma } from "../db";
import { commerceMeterLabel } from "../chargeback/rate-card-subjects";
import type { CostGroup } from "./cost-analysis-query";

export interface CostSeriesLabel {
  label: string;
  /** The full text when the label shortens it (a resource's URI). */
  title?: string;
}

export async function unsafeLabelCostKeys(group: CostGroup | null, keys: string[], ownName: string): Promise<Map<string, CostSeriesLabel>> {
  const prisma = await getPrisma();
  const labels = new Map<string, CostSeriesLabel>();
  const ids = keys.filter((key) => key !== "");
  switch (group) {
    case "meter": {
      const meters = await prisma.commerceMeter.findMany({ where: { id: { in: ids } }, select: { id: true, resourceName: true, serviceType: true } });
      for (const meter of meters) labels.set(meter.id, { label: commerceMeterLabel(meter) });
      break;
    }
    case "subscription": {
      const subscriptions = await prisma.azureSubscription.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } });
      for (const subscription of subscriptions) labels.set(subscription.id, { label: subscription.displayName, title: subscription.id });
      break;
    }
    case "registration": {
      const registrations = await prisma.registration.findMany({ where: { id: { in: ids } }, select: { id: true, stampName: true, name: true } });
      for (const registration of registrations) labels.set(registration.id, { label: registration.stampName, title: registration.name });
      break;
    }
    case "customer": {
      const customers = await prisma.customer.findMany({ where: { id: { in: ids } }, select: { id: true, companyName: true } });
      for (const customer of customers) labels.set(customer.id, { label: customer.companyName });
      labels.set("", { label: `${ownName} (own subscriptions)` });
      break;
    }
    case "reseller": {
      const partners = await prisma.partner.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
      for (const partner of partners) labels.set(partner.id, { label: partner.name });
      labels.set("", { label: `${ownName} (direct)` });
      break;
    }
    case "resource":
      for (const key of keys) labels.set(key, { label: key.split("/").filter(Boolean).at(-1) ?? key, title: key });
      break;
    case "resourceGroup":
      labels.set("", { label: "(no resource group)" });
      break;
    default:
      break;
  }
  for (const key of keys) if (!labels.has(key)) labels.set(key, { label: key === "" ? "Total" : key });
  return labels;
}
