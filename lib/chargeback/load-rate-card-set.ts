import "server-only";
// Loads the rate cards that can price a set of customers, in one query, into the pure shapes
// resolve-rate.ts walks.
import type { PrismaClient } from "../../generated/prisma/client";
import type { RateCardData, RateCardSet } from "./resolve-rate";
import { DEFAULT_SUBJECT, customerSubject, resellerSubject } from "./rate-card-subjects";
import { dateToDay } from "../pricing/price-dates";

export interface PricedCustomer {
  id: string;
  resellerId: string | null;
}

/**
 * Unsafe (unscoped): the caller has resolved ownerPartnerId as the billing partner of customers it
 * may see (statement, margin report, dashboard); rate cards themselves never leave this module.
 */
export async function unsafeLoadRateCardSets(prisma: PrismaClient, ownerPartnerId: string, customers: PricedCustomer[]): Promise<Map<string, RateCardSet>> {
  const subjects = new Set<string>([DEFAULT_SUBJECT]);
  for (const customer of customers) {
    subjects.add(customerSubject(customer.id));
    if (customer.resellerId) subjects.add(resellerSubject(customer.resellerId));
  }
  const cards = await prisma.rateCard.findMany({
    where: { ownerPartnerId, subjectKey: { in: [...subjects] } },
    select: {
      id: true,
      level: true,
      subjectKey: true,
      versions: {
        orderBy: { effectiveFrom: "asc" },
        select: {
          id: true,
          effectiveFrom: true,
          defaultMarkupPercent: true,
          entries: { select: { commerceMeterId: true, markupPercent: true, localMeterId: true, unitPrice: true } },
        },
      },
    },
  });
  const bySubject = new Map<string, RateCardData>();
  for (const card of cards) {
    bySubject.set(card.subjectKey, {
      id: card.id,
      level: card.level,
      versions: card.versions.map((version) => {
        const markups = new Map<string, string>();
        const unitPrices = new Map<string, string>();
        for (const entry of version.entries) {
          if (entry.commerceMeterId && entry.markupPercent !== null) markups.set(entry.commerceMeterId, entry.markupPercent.toString());
          if (entry.localMeterId && entry.unitPrice !== null) unitPrices.set(entry.localMeterId, entry.unitPrice.toString());
        }
        return {
          id: version.id,
          effectiveFrom: dateToDay(version.effectiveFrom),
          defaultMarkupPercent: version.defaultMarkupPercent?.toString() ?? null,
          markups,
          unitPrices,
        };
      }),
    });
  }
  const sets = new Map<string, RateCardSet>();
  for (const customer of customers) {
    sets.set(customer.id, {
      CUSTOMER: bySubject.get(customerSubject(customer.id)),
      RESELLER: customer.resellerId ? bySubject.get(resellerSubject(customer.resellerId)) : undefined,
      DEFAULT: bySubject.get(DEFAULT_SUBJECT),
    });
  }
  return sets;
}
