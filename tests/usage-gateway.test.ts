// The gateway's pure rules, without a database.
import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { commerceAdditionalInfo, mapLocalSubscription, mapUsageRecord, type GatewayContext } from "../lib/usage/ingest/domain/gateway/map-usage-record";
import { commerceUsageDate, firstOpenDay, usageDayCloseHours } from "../lib/usage/ingest/domain/gateway/usage-days";
import { parseInstanceData, parseUsageRecord } from "../lib/usage/ingest/domain/parse-usage-record";
import type { MeterMappingTable } from "../lib/meters/quantity-conversion";
import { usageRecord } from "./support/usage-fixtures";

const BASE_VM = "fab6eb84-500b-4a09-a8ca-7358f8bbaea5";
const mappings: MeterMappingTable = new Map([
  [BASE_VM, { localMeterId: BASE_VM, tenantCommerceMeterId: "tenant-m", adminCommerceMeterId: "admin-m", conversion: "IDENTITY" as const }],
]);
const TENANT = "11111111-1111-1111-1111-111111111111";
const context: GatewayContext = {
  defaultSubscriptionId: "default-sub",
  localSubscriptions: new Map([
    ["tenant-sub", { ownerTenantId: TENANT.toUpperCase(), isProviderSubscription: false }],
    ["provider-sub", { ownerTenantId: TENANT, isProviderSubscription: true }],
    ["stranger-sub", { ownerTenantId: "22222222-2222-2222-2222-222222222222", isProviderSubscription: false }],
    ["ownerless-sub", { ownerTenantId: null, isProviderSubscription: false }],
  ]),
  customerSubscriptionsByTenant: new Map([[TENANT, "customer-sub"]]),
  mappings,
  ingestedAt: new Date("2026-11-20T12:00:00Z"),
  dayCloseHours: 48,
};

describe("mapLocalSubscription", () => {
  it("provider subscriptions → default subscription, ADMIN meters (even when an owner tenant is set)", () => {
    expect(mapLocalSubscription("provider-sub", context)).toEqual({
      azureSubscriptionId: "default-sub",
      mappedTenantId: null,
      unregisteredTenant: false,
      providerUsage: true,
      audience: "ADMIN",
    });
  });
  it("a registered owner tenant (any case) → its customer subscription", () => {
    expect(mapLocalSubscription("tenant-sub", context)).toEqual({
      azureSubscriptionId: "customer-sub",
      mappedTenantId: TENANT,
      unregisteredTenant: false,
      providerUsage: false,
      audience: "TENANT",
    });
  });
  it.each(["stranger-sub", "ownerless-sub", "unknown-sub"])("%s → default subscription, unregistered tenant", (sub) => {
    expect(mapLocalSubscription(sub, context)).toEqual({
      azureSubscriptionId: "default-sub",
      mappedTenantId: null,
      unregisteredTenant: true,
      providerUsage: false,
      audience: "TENANT",
    });
  });
});

describe("usage days", () => {
  it("closes a day USAGE_DAY_CLOSE_HOURS after it ends", () => {
    expect(firstOpenDay(new Date("2026-11-20T12:00:00Z"), 48).toISOString()).toBe("2026-11-18T00:00:00.000Z");
    // The 18th ends at 19th 00:00 and closes at 21st 00:00: still open one ms before.
    expect(commerceUsageDate(new Date("2026-11-18T23:00:00Z"), new Date("2026-11-20T23:59:59.999Z"), 48).redated).toBe(false);
    expect(commerceUsageDate(new Date("2026-11-18T23:00:00Z"), new Date("2026-11-21T00:00:00Z"), 48)).toEqual({
      usageDate: new Date("2026-11-19T00:00:00Z"),
      eventDate: new Date("2026-11-18T00:00:00Z"),
      redated: true,
    });
  });
  it("reads USAGE_DAY_CLOSE_HOURS, defaulting to 48", () => {
    expect(usageDayCloseHours({})).toBe(48);
    expect(usageDayCloseHours({ USAGE_DAY_CLOSE_HOURS: "24" })).toBe(24);
    expect(usageDayCloseHours({ USAGE_DAY_CLOSE_HOURS: "nope" })).toBe(48);
  });
});

describe("mapUsageRecord", () => {
  const known = new Set([BASE_VM, "f271a8a3-88c4-4d93-956a-063e1d2fa80b"]);
  const parse = (raw: unknown) => {
    const result = parseUsageRecord(raw, known, context.ingestedAt);
    if (!result.ok) throw new Error(result.reason);
    return result.record;
  };

  it("maps meter, quantity and re-dates late usage, keeping the original time for AdditionalInfo", () => {
    const mapped = mapUsageRecord(
      parse(usageRecord({ subscriptionId: "Tenant-Sub", start: "2026-11-15T07:00:00Z", meterId: BASE_VM.toUpperCase(), quantity: "2.5" })),
      context,
    );
    expect(mapped).toMatchObject({ azureSubscriptionId: "customer-sub", commerceMeterId: "tenant-m", redated: true, localSubscriptionId: "tenant-sub" });
    expect(mapped.commerceQuantity?.equals(new Decimal("2.5"))).toBe(true);
    expect(mapped.usageDate.toISOString()).toBe("2026-11-18T00:00:00.000Z");
    expect(commerceAdditionalInfo(mapped)).toEqual({
      "azureStack.MeterId": BASE_VM,
      "azureStack.SubscriptionId": "tenant-sub",
      "azureStack.Location": "local",
      "azureStack.EventDateTime": "2026-11-15T07:00:00.000Z",
    });
  });

  it("leaves non-billed meters without a commerce meter", () => {
    const mapped = mapUsageRecord(parse(usageRecord({ start: "2026-11-20T07:00:00Z", meterId: "F271A8A388C44D93956A063E1D2FA80B" })), context);
    expect(mapped).toMatchObject({ commerceMeterId: null, commerceQuantity: null, redated: false });
  });

  it("parses instanceData strings only", () => {
    expect(parseInstanceData({ "Microsoft.Resources": { resourceUri: "/x" } })).toMatchObject({ ok: false });
    expect(parseInstanceData('{"Microsoft.Resources":{"resourceUri":"/x","location":"local"}}')).toMatchObject({
      ok: true,
      resourceUri: "/x",
      location: "local",
    });
    expect(parseInstanceData('{"Microsoft.Resources":{"location":"local"}}')).toMatchObject({ ok: false });
  });
});

describe("demo ingestion keys", () => {
  it("are well-formed, one per demo registration, and distinct", async () => {
    const { DEMO_INGESTION_KEYS } = await import("../prisma/seed/usage-demo");
    const { isWellFormedIngestionKey } = await import("../lib/usage/ingestion-keys/ingestion-key-format");
    expect(DEMO_INGESTION_KEYS.length).toBeGreaterThan(0);
    expect(DEMO_INGESTION_KEYS.every((k) => isWellFormedIngestionKey(k.key))).toBe(true);
    expect(new Set(DEMO_INGESTION_KEYS.map((k) => k.key)).size).toBe(DEMO_INGESTION_KEYS.length);
  });
});
