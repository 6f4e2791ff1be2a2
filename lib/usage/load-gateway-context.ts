import "server-only";
import { getPrisma } from "../db";
import { loadMeterMappings } from "../meters/load-meter-mappings";
import type { MeterMappingTable } from "../meters/quantity-conversion";
import type { GatewayContext } from "./gateway/map-usage-record";

let knownMetersCache: Promise<ReadonlySet<string>> | undefined;
let mappingsCache: Promise<MeterMappingTable> | undefined;

/**
 * The local meter catalog and its commerce mapping are Microsoft's data, loaded by migration and
 * identical for every partner: cached per process instead of read on every batch.
 */
export function loadKnownMeters(): Promise<ReadonlySet<string>> {
  knownMetersCache ??= getPrisma()
    .then((prisma) => prisma.localMeter.findMany({ select: { id: true } }))
    .then((rows) => new Set(rows.map((row) => row.id)));
  knownMetersCache.catch(() => (knownMetersCache = undefined));
  return knownMetersCache;
}

function cachedMappings(): Promise<MeterMappingTable> {
  mappingsCache ??= loadMeterMappings();
  mappingsCache.catch(() => (mappingsCache = undefined));
  return mappingsCache;
}

export interface IngestRegistration {
  id: string;
  partnerId: string;
  billingModel: "PAY_AS_YOU_USE" | "CAPACITY";
  subscriptionId: string;
}

/** Everything the gateway needs about one registration, read once per batch (before its transaction). */
export async function loadGatewayContext(
  registration: IngestRegistration,
  ingestedAt: Date,
  dayCloseHours: number,
): Promise<GatewayContext> {
  const prisma = await getPrisma();
  const [localSubscriptions, customerSubscriptions, mappings] = await Promise.all([
    prisma.localSubscription.findMany({
      where: { registrationId: registration.id },
      select: { localSubscriptionId: true, ownerTenantId: true, isProviderSubscription: true },
    }),
    prisma.customerSubscriptionRegistration.findMany({
      where: { registrationId: registration.id },
      select: { tenantId: true, customerSubscriptionId: true },
    }),
    cachedMappings(),
  ]);
  return {
    defaultSubscriptionId: registration.subscriptionId,
    localSubscriptions: new Map(localSubscriptions.map((s) => [s.localSubscriptionId, s])),
    customerSubscriptionsByTenant: new Map(customerSubscriptions.map((c) => [c.tenantId.toLowerCase(), c.customerSubscriptionId])),
    mappings,
    ingestedAt,
    dayCloseHours,
  };
}
