// The simulated Azure Stack Hub stamp: inventory (./world), deterministic usage with reported
// times and ground truth (./usage), the provider admin API (./api) and a node:http host.
export { buildWorld, DAY_MS, HOUR_MS, type LocalSubscription, type SimulatorTenant, type StampSimulatorConfig, type StampWorld } from "./world";
export { groundTruth, recordsReportedIn, MAX_LATE_HOURS } from "./usage";
export { createStampApi, stampTime, PAGE_SIZE, USAGE_API_VERSION, SUBSCRIPTIONS_API_VERSION, type FetchHandler, type UsageAggregate } from "./api";
export { METERS, BILLED_METER_IDS } from "./meters";
export { guidFor } from "./random";
export { stampRegistrationToken } from "./registration-token";

import { guidFor } from "./random";
import type { SimulatorTenant } from "./world";

/** `count` made-up tenants (directory ids derived from the seed), for a stamp without demo data. */
export function syntheticTenants(seed: string, count: number): SimulatorTenant[] {
  return Array.from({ length: count }, (_, index) => ({
    tenantId: guidFor(`${seed}:tenant:${index}`),
    displayName: `Tenant ${String(index + 1).padStart(2, "0")}`,
  }));
}
