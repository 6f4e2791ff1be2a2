import "server-only";
import { getDatabase, getPrisma } from "../db";
import { loadMeterMappings } from "../meters/load-meter-mappings";
import type { MeterMappingTable } from "../meters/quantity-conversion";
import type { GatewayContext } from "./ingest/domain/gateway/map-usage-record";

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

/**
 * One registration and everything the gateway needs about it, read in ONE round trip (before the
 * batch's transaction): its local subscriptions and the customer tenants added to it, aggregated
 * as JSON. Null when the registration doesn't exist.
 */
export async function loadRegistrationGateway(
  registrationId: string,
  ingestedAt: Date,
  dayCloseHours: number,
): Promise<{ registration: IngestRegistration; context: GatewayContext } | null> {
  const database = await getDatabase();
  const [{ rows }, mappings] = await Promise.all([
    database.sql.query<IngestRegistration & { locals: [string, string | null, boolean][]; customers: [string, string][] }>(
      `SELECT r."id", r."partnerId", r."billingModel"::text AS "billingModel", r."subscriptionId",
              COALESCE((SELECT json_agg(json_build_array(l."localSubscriptionId", l."ownerTenantId", l."isProviderSubscription"))
                          FROM "LocalSubscription" l WHERE l."registrationId" = r."id"), '[]'::json) AS "locals",
              COALESCE((SELECT json_agg(json_build_array(c."tenantId", c."customerSubscriptionId"))
                          FROM "CustomerSubscriptionRegistration" c
                          JOIN "AzureSubscription" s ON s."id" = c."customerSubscriptionId"
                          JOIN "Customer" cu ON cu."id" = s."customerId"
                          JOIN "Partner" p ON p."id" = cu."partnerId"
                         WHERE c."registrationId" = r."id"
                           -- Only customers the registration may bill (its owner's, a distributor's resellers'):
                           -- a tenant row outside that falls back to the default subscription.
                           AND (p."id" = r."partnerId" OR p."parentId" = r."partnerId")), '[]'::json) AS "customers"
         FROM "Registration" r WHERE r."id" = $1`,
      [registrationId],
    ),
    cachedMappings(),
  ]);
  const row = rows[0];
  if (!row) return null;
  const registration: IngestRegistration = { id: row.id, partnerId: row.partnerId, billingModel: row.billingModel, subscriptionId: row.subscriptionId };
  return {
    registration,
    context: {
      defaultSubscriptionId: registration.subscriptionId,
      localSubscriptions: new Map(
        row.locals.map(([localSubscriptionId, ownerTenantId, isProviderSubscription]) => [
          localSubscriptionId,
          { localSubscriptionId, ownerTenantId, isProviderSubscription },
        ]),
      ),
      customerSubscriptionsByTenant: new Map(row.customers.map(([tenantId, customerSubscriptionId]) => [tenantId.toLowerCase(), customerSubscriptionId])),
      mappings,
      ingestedAt,
      dayCloseHours,
    },
  };
}
