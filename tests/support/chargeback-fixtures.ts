// Rate cards, single rated lines and unbilled local usage written straight to the database, for the
// chargeback tests (cards dated in any month: the action's open-period rule is tested on its own).
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client";
import { Prisma } from "../../generated/prisma/client";
import type { RawSql } from "../../lib/database/open-database";
import { usageSeriesKey } from "../../lib/usage/ingest/domain/usage-series-key";

export const METERS = {
  vm: "7bc19779-56bc-474d-8c88-36fbd79ae004",
  windowsVm: "fb8c0713-ea20-40bf-901f-5560fd3f6330",
  blockBlob: "8a913f38-33b4-4772-9488-e89522fc09e5",
  staticIp: "f271a8a3-88c4-4d93-956a-063e1d2fa80b",
  dynamicIp: "9e2739ba-8674-4796-b465-f64674b822ba",
  baseVmLocal: "fab6eb84-500b-4a09-a8ca-7358f8bbaea5",
};

export interface CardSpec {
  ownerPartnerId: string;
  level: "DEFAULT" | "RESELLER" | "CUSTOMER";
  resellerId?: string;
  customerId?: string;
  versions: { from: string; defaultMarkup?: string; markups?: Record<string, string>; unitPrices?: Record<string, string> }[];
}

export async function makeRateCard(prisma: PrismaClient, spec: CardSpec): Promise<string> {
  const subjectKey = spec.level === "DEFAULT" ? "default" : spec.level === "RESELLER" ? `reseller:${spec.resellerId}` : `customer:${spec.customerId}`;
  const card = await prisma.rateCard.create({
    data: {
      ownerPartnerId: spec.ownerPartnerId,
      level: spec.level,
      resellerId: spec.resellerId,
      customerId: spec.customerId,
      subjectKey,
      name: `${spec.level} card`,
    },
  });
  for (const version of spec.versions) {
    await prisma.rateCardVersion.create({
      data: {
        rateCardId: card.id,
        effectiveFrom: new Date(`${version.from}T00:00:00Z`),
        defaultMarkupPercent: version.defaultMarkup ? new Prisma.Decimal(version.defaultMarkup) : null,
        entries: {
          create: [
            ...Object.entries(version.markups ?? {}).map(([commerceMeterId, m]) => ({ commerceMeterId, markupPercent: new Prisma.Decimal(m) })),
            ...Object.entries(version.unitPrices ?? {}).map(([localMeterId, p]) => ({ localMeterId, unitPrice: new Prisma.Decimal(p) })),
          ],
        },
      },
    });
  }
  return card.id;
}

export async function insertRatedLine(
  sql: Pick<RawSql, "query">,
  line: { registrationId: string; subscriptionId: string; meterId: string; day: string; quantity: string; unitPrice: string | null },
): Promise<void> {
  await sql.query(
    `INSERT INTO "RatedUsageLine" ("registrationId","azureSubscriptionId","commerceMeterId","resourceUri","usageDate","eventDate",
       "localMeterId","localSubscriptionId","quantity","market","currency","unitPrice","pretaxAmount")
     VALUES ($1, $2::uuid, $3::uuid, $4, $5::date, $5::date, $6::uuid, 'local-1', $7::numeric, 'US', 'USD', $8::numeric, $8::numeric * $7::numeric)`,
    [
      line.registrationId,
      line.subscriptionId,
      line.meterId,
      `/subscriptions/x/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/${randomUUID()}`,
      line.day,
      METERS.baseVmLocal,
      line.quantity,
      line.unitPrice,
    ],
  );
}

const UNBILLED_URI = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/ip1";

/** Raw usage of a local meter Microsoft doesn't bill (commerceMeterId null). */
export async function insertUnbilledUsage(
  sql: Pick<RawSql, "query">,
  usage: { registrationId: string; subscriptionId: string; localMeterId: string; day: string; hour: number; quantity: string },
): Promise<void> {
  const start = new Date(`${usage.day}T00:00:00Z`);
  start.setUTCHours(usage.hour);
  await sql.query(
    `INSERT INTO "UsageRecord" ("seriesKey","registrationId","localSubscriptionId","localMeterId","resourceUri","usageStart","usageEnd","quantity","azureSubscriptionId","usageDate")
     VALUES ($8::uuid, $1, 'local-1', $2::uuid, '${UNBILLED_URI}', $3, $4, $5::numeric, $6::uuid, $7::date)`,
    [
      usage.registrationId,
      usage.localMeterId,
      start.toISOString(),
      new Date(start.getTime() + 3_600_000).toISOString(),
      usage.quantity,
      usage.subscriptionId,
      usage.day,
      usageSeriesKey(usage.registrationId, "local-1", usage.localMeterId.toLowerCase(), UNBILLED_URI),
    ],
  );
}
