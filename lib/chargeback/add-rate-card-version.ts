import "server-only";
// Adds a version to a rate card: in force from its effective date until the next version's date.
//
// Effective dates (decision): any day from the first day of the open billing period (this calendar
// month, UTC) on. Statements are computed from the cards on demand, so a version dated inside a
// closed month would silently rewrite statements already sent; inside the open month it reprices a
// period nobody has been invoiced for yet. A version is never edited in place: a correction is a new
// version, or (replaceExisting) a replacement of the version from the same date when that date is
// today or later, so no usage was priced by it on an earlier day. A replacement is audited with the
// version it replaced.
import type { z } from "zod";
import { Prisma } from "../../generated/prisma/client";
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { DomainError, notFound, type FieldErrors } from "../errors";
import { CHARGEBACK_ERROR_CODES } from "./chargeback-errors";
import type { addRateCardVersionSchema } from "./chargeback-schemas";
import { requireBillingPartner } from "./billing-partner-scope";
import { dateToDay } from "../pricing/price-dates";

type Input = z.output<typeof addRateCardVersionSchema>;

/** The first day a new version may take effect: the first day of the open billing period. */
export function earliestEffectiveDate(now: Date = new Date()): string {
  return `${now.toISOString().slice(0, 7)}-01`;
}

async function assertEntriesPriceable(input: Input): Promise<void> {
  const prisma = await getPrisma();
  const commerceIds = Object.keys(input.markups);
  const localIds = Object.keys(input.unitPrices);
  const [commerce, local] = await Promise.all([
    prisma.commerceMeter.findMany({ where: { id: { in: commerceIds.filter(isGuid) } }, select: { id: true } }),
    prisma.localMeter.findMany({
      where: { id: { in: localIds.filter(isGuid) } },
      select: { id: true, name: true, mapping: { select: { tenantCommerceMeter: { select: { resourceName: true } } } } },
    }),
  ]);
  const fields: FieldErrors = {};
  const knownCommerce = new Set(commerce.map((m) => m.id));
  for (const id of commerceIds) if (!knownCommerce.has(id)) fields[`markups.${id}`] = "Not a commerce meter of the catalog.";
  const localById = new Map(local.map((m) => [m.id, m]));
  for (const id of localIds) {
    const meter = localById.get(id);
    if (!meter) fields[`unitPrices.${id}`] = "Not a local meter of the catalog.";
    else if (meter.mapping) {
      fields[`unitPrices.${id}`] =
        `Microsoft bills ${meter.name} as "${meter.mapping.tenantCommerceMeter.resourceName}": set a markup on that commerce meter instead of a unit price.`;
    }
  }
  if (Object.keys(fields).length > 0) {
    throw new DomainError(CHARGEBACK_ERROR_CODES.InvalidRateEntry, "Some meter prices need attention.", { fields });
  }
}

const isGuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);

export async function addRateCardVersion(scope: PartnerScope, input: Input, now: Date = new Date()): Promise<{ id: string; replaced: boolean }> {
  const ownerId = requireBillingPartner(scope);
  const prisma = await getPrisma();
  const card = await prisma.rateCard.findFirst({ where: { id: input.rateCardId, ownerPartnerId: ownerId }, select: { id: true } });
  if (!card) throw notFound("The rate card");

  const earliest = earliestEffectiveDate(now);
  if (Number.isNaN(Date.parse(`${input.effectiveFrom}T00:00:00Z`)) || dateToDay(new Date(`${input.effectiveFrom}T00:00:00Z`)) !== input.effectiveFrom) {
    throw new DomainError("ValidationFailed", "That date doesn't exist.", { fields: { effectiveFrom: "Enter a real calendar date." } });
  }
  if (input.effectiveFrom < earliest) {
    throw new DomainError(
      CHARGEBACK_ERROR_CODES.EffectiveDateInClosedPeriod,
      `A new version can take effect from ${earliest} on (closed billing periods are never repriced).`,
      {
        fields: { effectiveFrom: `Choose ${earliest} or later.` },
      },
    );
  }
  await assertEntriesPriceable(input);
  const effectiveFrom = new Date(`${input.effectiveFrom}T00:00:00Z`);
  const taken = await prisma.rateCardVersion.findUnique({
    where: { rateCardId_effectiveFrom: { rateCardId: card.id, effectiveFrom } },
    select: { id: true, defaultMarkupPercent: true, note: true },
  });
  if (taken && !input.replaceExisting) {
    throw new DomainError(CHARGEBACK_ERROR_CODES.VersionDateTaken, "This card already has a version from that date.", {
      status: 409,
      fields: { effectiveFrom: 'Another version starts that day: choose another date, or tick "Replace the version from that date".' },
    });
  }
  if (taken && input.effectiveFrom < dateToDay(now)) {
    throw new DomainError(
      CHARGEBACK_ERROR_CODES.VersionAlreadyStarted,
      `The version from ${input.effectiveFrom} is already in force: add a new version from today or later instead.`,
      {
        status: 409,
        fields: { effectiveFrom: "Only a version that starts today or later can be replaced." },
      },
    );
  }

  return prisma.$transaction(async (tx) => {
    if (taken) await tx.rateCardVersion.delete({ where: { id: taken.id }, select: { id: true } });
    const version = await tx.rateCardVersion.create({
      data: {
        rateCardId: card.id,
        effectiveFrom,
        defaultMarkupPercent: input.defaultMarkupPercent === "" ? null : new Prisma.Decimal(input.defaultMarkupPercent),
        note: input.note || null,
        createdByUserId: scope.userId,
      },
      select: { id: true },
    });
    const entries = [
      ...Object.entries(input.markups).map(([commerceMeterId, markup]) => ({
        versionId: version.id,
        commerceMeterId,
        markupPercent: new Prisma.Decimal(markup),
      })),
      ...Object.entries(input.unitPrices).map(([localMeterId, price]) => ({ versionId: version.id, localMeterId, unitPrice: new Prisma.Decimal(price) })),
    ];
    if (entries.length > 0) await tx.rateCardEntry.createMany({ data: entries });
    await tx.rateCard.update({ where: { id: card.id }, data: { updatedAt: new Date() }, select: { id: true } });
    await recordAuditEvent(tx, scope, {
      action: taken ? "rateCard.version.replace" : "rateCard.version.create",
      targetType: "RateCard",
      targetId: card.id,
      partnerId: ownerId,
      before: taken
        ? { versionId: taken.id, effectiveFrom: input.effectiveFrom, defaultMarkupPercent: taken.defaultMarkupPercent?.toFixed() ?? null, note: taken.note }
        : undefined,
      after: {
        versionId: version.id,
        effectiveFrom: input.effectiveFrom,
        defaultMarkupPercent: input.defaultMarkupPercent || null,
        markups: input.markups,
        unitPrices: input.unitPrices,
        note: input.note ?? null,
        discount: input.discount,
      },
    });
    return { id: version.id, replaced: taken !== null };
  });
}
