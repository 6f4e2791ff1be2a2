import "server-only";
// The caller's rate cards (billing partners only) with their versions' dates, and one card in detail.
import type Decimal from "decimal.js";
import { getPrisma } from "../db";
import { unsafePartnerBillingCurrency } from "./customer-billing-currency";
import type { PartnerScope } from "../auth/partner-scope";
import { notFound } from "../errors";
import { requireBillingPartner } from "./billing-partner-scope";
import { commerceMeterLabel } from "./rate-card-subjects";
import { dateToDay } from "../pricing/price-dates";

const commerceLabel = (meter: { resourceName: string; serviceType: string | null } | undefined) => (meter ? commerceMeterLabel(meter) : undefined);

export interface RateCardSummary {
  id: string;
  level: "DEFAULT" | "RESELLER" | "CUSTOMER";
  name: string;
  subjectName: string;
  versionDates: string[];
  /** The version in force today, or null (none yet, or only future versions). */
  currentFrom: string | null;
  updatedAt: Date;
}

const LEVEL_ORDER = { DEFAULT: 0, RESELLER: 1, CUSTOMER: 2 } as const;

export async function listRateCards(scope: PartnerScope, today: string = dateToDay(new Date())): Promise<RateCardSummary[]> {
  const ownerId = requireBillingPartner(scope);
  const prisma = await getPrisma();
  const cards = await prisma.rateCard.findMany({
    where: { ownerPartnerId: ownerId },
    select: {
      id: true,
      level: true,
      name: true,
      updatedAt: true,
      reseller: { select: { name: true } },
      customer: { select: { companyName: true } },
      versions: { orderBy: { effectiveFrom: "asc" }, select: { id: true, effectiveFrom: true } },
    },
  });
  return cards
    .map((card) => {
      const versionDates = card.versions.map((v) => dateToDay(v.effectiveFrom));
      // Dates are ascending: the last one on or before today is in force.
      const currentFrom = versionDates.filter((day) => day <= today).at(-1) ?? null;
      return {
        id: card.id,
        level: card.level,
        name: card.name,
        subjectName: card.reseller?.name ?? card.customer?.companyName ?? "All customers",
        versionDates,
        currentFrom,
        updatedAt: card.updatedAt,
      };
    })
    .sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.subjectName.localeCompare(b.subjectName));
}

export interface RateCardVersionDetail {
  id: string;
  effectiveFrom: string;
  defaultMarkupPercent: Decimal | null;
  note: string | null;
  createdAt: Date;
  markups: { meterId: string; meterName: string; unit: string; markupPercent: Decimal }[];
  unitPrices: { meterId: string; meterName: string; unit: string; unitPrice: Decimal }[];
}

export interface RateCardDetail extends Omit<RateCardSummary, "versionDates"> {
  versions: RateCardVersionDetail[];
  /** The currency its unit prices are in: the billing partner's. */
  currency: string;
}

export async function getRateCard(scope: PartnerScope, rateCardId: string, today: string = dateToDay(new Date())): Promise<RateCardDetail> {
  const ownerId = requireBillingPartner(scope);
  const prisma = await getPrisma();
  const card = await prisma.rateCard.findFirst({
    where: { id: rateCardId, ownerPartnerId: ownerId },
    select: {
      id: true,
      level: true,
      name: true,
      updatedAt: true,
      reseller: { select: { name: true } },
      customer: { select: { companyName: true } },
      versions: {
        orderBy: { effectiveFrom: "desc" },
        select: {
          id: true,
          effectiveFrom: true,
          defaultMarkupPercent: true,
          note: true,
          createdAt: true,
          entries: { orderBy: { id: "asc" }, select: { commerceMeterId: true, markupPercent: true, localMeterId: true, unitPrice: true } },
        },
      },
    },
  });
  if (!card) throw notFound("The rate card");
  const [commerce, local] = await Promise.all([
    prisma.commerceMeter.findMany({ select: { id: true, resourceName: true, serviceType: true, unitOfMeasure: true } }),
    prisma.localMeter.findMany({ select: { id: true, name: true, unit: true } }),
  ]);
  const commerceById = new Map(commerce.map((m) => [m.id, m]));
  const localById = new Map(local.map((m) => [m.id, m]));
  const versions: RateCardVersionDetail[] = card.versions.map((v) => ({
    id: v.id,
    effectiveFrom: dateToDay(v.effectiveFrom),
    defaultMarkupPercent: v.defaultMarkupPercent,
    note: v.note,
    createdAt: v.createdAt,
    markups: v.entries.flatMap((e) =>
      e.commerceMeterId && e.markupPercent
        ? [
            {
              meterId: e.commerceMeterId,
              meterName: commerceLabel(commerceById.get(e.commerceMeterId)) ?? e.commerceMeterId,
              unit: commerceById.get(e.commerceMeterId)?.unitOfMeasure ?? "",
              markupPercent: e.markupPercent,
            },
          ]
        : [],
    ),
    unitPrices: v.entries.flatMap((e) =>
      e.localMeterId && e.unitPrice
        ? [
            {
              meterId: e.localMeterId,
              meterName: localById.get(e.localMeterId)?.name ?? e.localMeterId,
              unit: localById.get(e.localMeterId)?.unit ?? "",
              unitPrice: e.unitPrice,
            },
          ]
        : [],
    ),
  }));
  const current = versions.find((v) => v.effectiveFrom <= today) ?? null;
  return {
    id: card.id,
    level: card.level,
    name: card.name,
    subjectName: card.reseller?.name ?? card.customer?.companyName ?? "All customers",
    currentFrom: current?.effectiveFrom ?? null,
    updatedAt: card.updatedAt,
    versions,
    currency: await unsafePartnerBillingCurrency(prisma, ownerId),
  };
}
