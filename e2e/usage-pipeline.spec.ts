// Simulator → collector → the running portal's ingest API → the Usage page. The simulated stamp
// (in this test process) hosts the Adatum Seattle stamp's demo tenants plus one extra, unregistered
// tenant; the collector pushes the last hours with the registration's demo ingestion key, and the
// Usage page must list the unregistered tenant's local subscription (billed to the default
// subscription) and a recent ingest.
import { expect, test } from "@playwright/test";
import { buildWorld, createStampApi, DAY_MS, guidFor, HOUR_MS } from "../lib/stamp-simulator";
import { serveHandler } from "../lib/stamp-simulator/http-server";
import { createStampClient, httpUsageSink, memoryStateStore, runCollector } from "../lib/usage-collector";
import { DEMO_INGESTION_KEYS } from "../prisma/seed/usage-demo";
import { demoProviderSubscriptionId, demoStampTenants } from "../prisma/seed/usage-history-demo";
import { signIn } from "./support/sign-in";

const REGISTRATION_KEY = "adatum-seattle";

test("usage collected from a simulated stamp shows on the Usage page", async ({ page, baseURL }) => {
  const ingestionKey = DEMO_INGESTION_KEYS.find((row) => row.registrationKey === REGISTRATION_KEY);
  if (!ingestionKey || !baseURL) throw new Error("no demo ingestion key / baseURL");
  const seed = `e2e-${Date.now()}`;
  const extraTenant = { tenantId: guidFor(`${seed}:unregistered`), displayName: "E2E Unregistered Tenant" };
  const providerSubscriptionId = demoProviderSubscriptionId(REGISTRATION_KEY);
  const world = buildWorld({
    seed,
    providerSubscriptionId,
    operatorTenantId: guidFor(`${seed}:operator`),
    tenants: [...demoStampTenants(REGISTRATION_KEY), extraTenant],
    // Usage from yesterday 00:00 to now (the anchor's day ends tomorrow), so 6 hours always exist.
    days: 2,
    anchor: new Date(Date.now() + DAY_MS),
    vmsPerSubscription: 1,
    lateDayRate: 0,
  });
  const stamp = await serveHandler(createStampApi({ world }));
  try {
    const now = Date.now();
    const summary = await runCollector({
      stamp: createStampClient({
        stampUrl: stamp.url,
        providerSubscriptionId,
        fetch,
        retry: { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 1000 },
        sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      }),
      sink: httpUsageSink({ portalUrl: baseURL, key: ingestionKey.key, fetch }),
      state: memoryStateStore(),
      stampUrl: stamp.url,
      providerSubscriptionId,
      from: new Date(Math.max(world.usageStart, Math.floor(now / HOUR_MS) * HOUR_MS - 6 * HOUR_MS)),
      now: () => new Date(now),
    });
    expect(summary.records).toBeGreaterThan(0);
    // Every record is stored. Between 00:00 and 06:00 UTC the last six hours reach back into
    // yesterday, which the demo history (it ends today 00:00) already holds for the demo tenants:
    // those records come back as duplicates (or corrections), not as new ones.
    expect(summary.accepted + summary.duplicate + summary.corrected).toBe(summary.records);
    expect(summary.accepted).toBeGreaterThan(0);
    expect(summary.rejected).toBe(0);
  } finally {
    await stamp.close();
  }

  const extraSubscription = world.subscriptions.find((row) => row.tenantId === extraTenant.tenantId);
  await signIn(page, "admin@adatum.example");
  await page.goto(`/usage?registration=${ingestionKey.registrationId}`);
  await expect(page.getByRole("heading", { name: "Usage" }).first()).toBeVisible();
  await expect(page.getByText(extraSubscription?.subscriptionId ?? "missing")).toBeVisible();
});
