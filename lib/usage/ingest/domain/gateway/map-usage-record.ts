// The usage gateway's mapping (../shared/seeds/003): local subscription → Azure subscription, local
// meter → commerce meter and quantity, and the commerce day. Pure: the ingest path loads the
// context once per batch and maps every record in memory.
import type Decimal from "decimal.js";
import { toCommerceQuantity, type MeterAudience, type MeterMappingTable } from "../../../../meters/quantity-conversion";
import type { ParsedUsageRecord, UsageGranularity } from "../parse-usage-record";
import { commerceUsageDate } from "./usage-days";

export interface LocalSubscriptionOwner {
  ownerTenantId: string | null;
  isProviderSubscription: boolean;
}

export interface GatewayContext {
  /** The registration's default (registration) subscription. */
  defaultSubscriptionId: string;
  /** Local subscriptions the stamp reported (PUT /api/usage/local-subscriptions), by lowercase id. */
  localSubscriptions: ReadonlyMap<string, LocalSubscriptionOwner>;
  /** Customer tenants added to this registration → their CSP subscription (lowercase tenant id). */
  customerSubscriptionsByTenant: ReadonlyMap<string, string>;
  mappings: MeterMappingTable;
  ingestedAt: Date;
  dayCloseHours: number;
  /** The batch's record span (default Hourly): parse-usage-record.ts. */
  granularity?: UsageGranularity;
}

export interface SubscriptionMapping {
  azureSubscriptionId: string;
  mappedTenantId: string | null;
  unregisteredTenant: boolean;
  providerUsage: boolean;
  audience: MeterAudience;
}

/**
 * Provider (admin) subscriptions → default subscription, ADMIN meters. A tenant subscription whose
 * owner tenant is registered on THIS registration → that customer's subscription. Anything else
 * (owner not registered, no owner, local subscription never reported) → default subscription,
 * flagged unregisteredTenant so the partner can see usage it is paying for on nobody's behalf.
 */
export function mapLocalSubscription(localSubscriptionId: string, context: GatewayContext): SubscriptionMapping {
  const owner = context.localSubscriptions.get(localSubscriptionId);
  if (owner?.isProviderSubscription) {
    return { azureSubscriptionId: context.defaultSubscriptionId, mappedTenantId: null, unregisteredTenant: false, providerUsage: true, audience: "ADMIN" };
  }
  const tenant = owner?.ownerTenantId?.toLowerCase() ?? null;
  const customerSubscription = tenant ? context.customerSubscriptionsByTenant.get(tenant) : undefined;
  if (tenant && customerSubscription) {
    return { azureSubscriptionId: customerSubscription, mappedTenantId: tenant, unregisteredTenant: false, providerUsage: false, audience: "TENANT" };
  }
  return { azureSubscriptionId: context.defaultSubscriptionId, mappedTenantId: null, unregisteredTenant: true, providerUsage: false, audience: "TENANT" };
}

export interface MappedUsageRecord extends ParsedUsageRecord, Omit<SubscriptionMapping, "audience"> {
  /** Null when Microsoft doesn't bill the local meter (stored for chargeback, never rated). */
  commerceMeterId: string | null;
  commerceQuantity: Decimal | null;
  usageDate: Date;
  eventDate: Date;
  redated: boolean;
}

export function mapUsageRecord(record: ParsedUsageRecord, context: GatewayContext): MappedUsageRecord {
  const { audience, ...subscription } = mapLocalSubscription(record.localSubscriptionId, context);
  const days = commerceUsageDate(record.usageStart, context.ingestedAt, context.dayCloseHours);
  // GB-hours → GB-month divides by the days of the month the storage was actually used in.
  const commerce = toCommerceQuantity(context.mappings, record.localMeterId, record.quantity, days.eventDate, audience);
  return {
    ...record,
    ...subscription,
    commerceMeterId: commerce?.commerceMeterId ?? null,
    commerceQuantity: commerce?.quantity ?? null,
    ...days,
  };
}

/**
 * The azureStack.* AdditionalInfo keys usage carries when it reaches Azure (reference README): the
 * original local time stays in EventDateTime even when the record was re-dated.
 */
export function commerceAdditionalInfo(
  record: Pick<MappedUsageRecord, "localMeterId" | "localSubscriptionId" | "location" | "usageStart">,
): Record<string, string> {
  return {
    "azureStack.MeterId": record.localMeterId,
    "azureStack.SubscriptionId": record.localSubscriptionId,
    "azureStack.Location": record.location ?? "",
    "azureStack.EventDateTime": record.usageStart.toISOString(),
  };
}
