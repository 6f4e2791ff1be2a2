// The simulated stamp's provider usage API: paging, the API's 400 codes, determinism, the meters a
// Windows VM emits, late records (filtered by reported time) and the ground truth.
import { decodeRegistrationToken } from "../lib/registrations/decode-registration-token";
import { stampRegistrationToken } from "../lib/stamp-simulator/registration-token";
import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import {
  buildWorld,
  createStampApi,
  groundTruth,
  guidFor,
  HOUR_MS,
  METERS,
  recordsReportedIn,
  syntheticTenants,
  type UsageAggregate,
} from "../lib/stamp-simulator";
import { serveHandler } from "../lib/stamp-simulator/http-server";

const NOW = new Date("2026-11-20T10:30:00Z");
const PROVIDER = "0f5a3c51-9d0e-4b8b-9a4c-1d2e3f405061";
const ORIGIN = "http://stamp.test";

function makeWorld(seed = "test", overrides: { lateDayRate?: number; days?: number } = {}) {
  return buildWorld({
    seed,
    providerSubscriptionId: PROVIDER,
    operatorTenantId: "7a1c0000-0000-4000-8000-000000000000",
    tenants: syntheticTenants(seed, 8),
    days: overrides.days ?? 10,
    anchor: NOW,
    lateDayRate: overrides.lateDayRate ?? 0.1,
  });
}

const world = makeWorld();
const api = createStampApi({ world, now: () => NOW });

function usageUrl(params: Record<string, string | null>): string {
  const query = new URLSearchParams();
  const defaults: Record<string, string | null> = {
    reportedStartTime: "2026-11-18T00:00:00Z",
    reportedEndTime: "2026-11-19T00:00:00Z",
    aggregationGranularity: "Hourly",
    "api-version": "2015-06-01-preview",
  };
  for (const [key, value] of Object.entries({ ...defaults, ...params })) if (value !== null) query.set(key, value);
  return `${ORIGIN}/subscriptions/${PROVIDER}/providers/Microsoft.Commerce.Admin/subscriberUsageAggregates?${query}`;
}

interface Page {
  value: UsageAggregate[];
  nextLink: string | null;
  continuationToken?: string;
}

async function get<T>(url: string): Promise<{ status: number; body: T }> {
  const response = await api(new Request(url));
  return { status: response.status, body: (await response.json()) as T };
}

async function allPages(url: string): Promise<{ pages: number; records: UsageAggregate[] }> {
  const records: UsageAggregate[] = [];
  let pages = 0;
  for (let next: string | null = url; next;) {
    const { status, body }: { status: number; body: Page } = await get<Page>(next);
    expect(status).toBe(200);
    records.push(...body.value);
    pages += 1;
    next = body.nextLink;
  }
  return { pages, records };
}

describe("stamp simulator: provider usage API", () => {
  it("pages 1,000 lines with continuationToken and nextLink, and the pages add up to the ground truth", async () => {
    const first = await get<Page>(usageUrl({}));
    expect(first.body.value).toHaveLength(1000);
    expect(first.body.continuationToken).toBeTruthy();
    expect(new URL(first.body.nextLink ?? "").searchParams.get("continuationToken")).toBe(first.body.continuationToken);
    // The bare token works too (a client building the URL itself).
    const viaToken = await get<Page>(usageUrl({ continuationToken: first.body.continuationToken ?? "" }));
    const viaLink = await get<Page>(first.body.nextLink ?? "");
    expect(viaToken.body.value).toEqual(viaLink.body.value);

    const { pages, records } = await allPages(usageUrl({}));
    const from = Date.parse("2026-11-18T00:00:00Z");
    const to = Date.parse("2026-11-19T00:00:00Z");
    const truth = groundTruth(world, from, to);
    expect(records).toHaveLength(truth.records);
    expect(pages).toBe(Math.ceil(truth.records / 1000));
    const sums = new Map<string, Decimal>();
    for (const record of records) {
      const key = `${record.properties.subscriptionId}|${record.properties.meterId}`;
      sums.set(key, (sums.get(key) ?? new Decimal(0)).plus(String(record.properties.quantity)));
    }
    expect(new Map([...sums].map(([key, sum]) => [key, sum.toString()]))).toEqual(truth.totals);
  });

  it("serves the documented record shape: instanceData is a JSON string, times on the hour with +00:00", async () => {
    const { body } = await get<Page>(usageUrl({}));
    const record = body.value[0];
    expect(record.type).toBe("Microsoft.Commerce.Admin/UsageAggregate");
    expect(record.properties.usageStartTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:00:00\+00:00$/);
    const instance = JSON.parse(record.properties.instanceData) as { "Microsoft.Resources": { resourceUri: string; location: string } };
    expect(instance["Microsoft.Resources"].resourceUri).toContain(`/subscriptions/${record.properties.subscriptionId}/`);
    expect(typeof record.properties.quantity).toBe("number");
  });

  it.each([
    ["NoApiVersion", { "api-version": null }],
    ["InvalidProperty", { reportedStartTime: "2026-11-18T00:30:00Z" }],
    ["InvalidProperty", { reportedStartTime: "yesterday" }],
    ["InvalidProperty", { reportedEndTime: "2026-11-17T00:00:00Z" }],
    ["InvalidProperty", { continuationToken: "bm90LWEtdG9rZW4" }],
    ["RequestEndTimeIsInFuture", { reportedEndTime: "2026-11-20T11:00:00Z" }],
    ["InvalidAggregationGranularity", { aggregationGranularity: "Minutely" }],
    ["SubscriberIdIsNotDirectTenant", { subscriberId: "11111111-2222-4333-8444-555555555555" }],
  ])("answers 400 %s with the API's error body (%j)", async (code, params) => {
    const { status, body } = await get<{ error: { code: string; message: string } }>(usageUrl(params));
    expect(status).toBe(400);
    expect(body.error.code).toBe(code);
    expect(body.error.message).toBeTruthy();
  });

  it("answers 400 SubscriptionIdMissingInRequest without a provider subscription in the path", async () => {
    const url = usageUrl({}).replace(`/subscriptions/${PROVIDER}/`, "/subscriptions//");
    const { status, body } = await get<{ error: { code: string } }>(url);
    expect(status).toBe(400);
    expect(body.error.code).toBe("SubscriptionIdMissingInRequest");
  });

  it("filters by subscriberId (a direct tenant) and aggregates Daily per usage day", async () => {
    const tenant = world.config.tenants[0].tenantId;
    const owned = new Set(world.subscriptions.filter((row) => row.tenantId === tenant).map((row) => row.subscriptionId));
    const { records } = await allPages(usageUrl({ subscriberId: tenant }));
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((record) => owned.has(record.properties.subscriptionId))).toBe(true);

    const daily = await allPages(usageUrl({ aggregationGranularity: "Daily" }));
    const hourly = await allPages(usageUrl({}));
    const total = (rows: UsageAggregate[]) => rows.reduce((sum, row) => sum.plus(String(row.properties.quantity)), new Decimal(0)).toString();
    expect(daily.records.length).toBeLessThan(hourly.records.length);
    expect(total(daily.records)).toBe(total(hourly.records));
  });

  it("is deterministic: the same seed serves the same bytes, another seed differs", async () => {
    const again = createStampApi({ world: makeWorld(), now: () => NOW });
    const a = await (await api(new Request(usageUrl({})))).text();
    const b = await (await again(new Request(usageUrl({})))).text();
    expect(a).toBe(b);
    const other = createStampApi({ world: makeWorld("other"), now: () => NOW });
    expect(await (await other(new Request(usageUrl({})))).text()).not.toBe(a);
  });

  it("Windows VMs emit both Base VM and Windows VM vcore-hours; Linux VMs only Base VM; storage and non-billed meters appear", () => {
    const records = recordsReportedIn(world, world.usageStart, NOW.getTime() - (NOW.getTime() % HOUR_MS));
    const meters = new Set(records.map((record) => record.meterId));
    for (const meter of Object.values(METERS)) expect(meters.has(meter)).toBe(true);
    const byHour = new Map<string, Map<string, string>>();
    for (const record of records) {
      const key = `${record.resourceUri}|${record.usageStart}`;
      if (!byHour.has(key)) byHour.set(key, new Map());
      byHour.get(key)?.set(record.meterId, record.quantity);
    }
    let windowsHours = 0;
    for (const record of records.filter((row) => row.meterId === METERS.baseVm)) {
      const hour = byHour.get(`${record.resourceUri}|${record.usageStart}`);
      if (record.resource.kind === "vm" && record.resource.windows) {
        expect(hour?.get(METERS.windowsVm)).toBe(record.quantity);
        windowsHours += 1;
      } else expect(hour?.has(METERS.windowsVm)).toBe(false);
    }
    expect(windowsHours).toBeGreaterThan(0);
    // The provider subscription's own usage is there too.
    expect(records.some((record) => record.subscriptionId === PROVIDER)).toBe(true);
  });

  it("reports late records in a later reported-time window, so windows partition the usage exactly once", () => {
    const lateWorld = makeWorld("late", { lateDayRate: 0.5 });
    const end = NOW.getTime() - (NOW.getTime() % HOUR_MS);
    const all = recordsReportedIn(lateWorld, lateWorld.usageStart, end);
    expect(all.some((record) => record.reportedTime - record.usageEnd >= 24 * HOUR_MS)).toBe(true);
    let pieces = 0;
    for (let from = lateWorld.usageStart; from < end; from += 7 * HOUR_MS)
      pieces += recordsReportedIn(lateWorld, from, Math.min(from + 7 * HOUR_MS, end)).length;
    expect(pieces).toBe(all.length);
  });

  it("serves local subscriptions like the admin subscriptions API, and 503s at the configured rate", async () => {
    const url = `${ORIGIN}/subscriptions/${PROVIDER}/providers/Microsoft.Subscriptions.Admin/subscriptions?api-version=2015-11-01`;
    const { body } = await get<{ value: { subscriptionId: string; tenantId: string; isProviderSubscription?: boolean }[] }>(url);
    expect(body.value).toHaveLength(world.subscriptions.length);
    expect(body.value.filter((row) => row.isProviderSubscription).map((row) => row.subscriptionId)).toEqual([PROVIDER]);

    const flaky = createStampApi({ world, now: () => NOW, failRate: 0.5 });
    const statuses = await Promise.all(Array.from({ length: 40 }, async () => (await flaky(new Request(url))).status));
    expect(statuses.filter((status) => status === 503).length).toBeGreaterThan(5);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(5);
  });

  it("serves the same API over node:http, with nextLink on the server's own origin", async () => {
    const running = await serveHandler(api);
    try {
      const response = await fetch(usageUrl({}).replace(ORIGIN, running.url));
      const body = (await response.json()) as Page;
      expect(body.nextLink?.startsWith(running.url)).toBe(true);
      expect((await fetch(body.nextLink ?? "")).status).toBe(200);
    } finally {
      await running.close();
    }
  });
});

describe("the simulated stamp's registration token", () => {
  it("names the stamp derived from the seed (or the given one) and decodes as the portal reads it", () => {
    const decoded = decodeRegistrationToken(stampRegistrationToken({ seed: "token-test" }));
    expect(decoded).toMatchObject({ CloudId: guidFor("token-test:cloud"), BillingModel: "PayAsYouUse", UsageReportingEnabled: true });
    const capacity = decodeRegistrationToken(
      stampRegistrationToken({ seed: "x", cloudId: guidFor("demo"), billingModel: "Capacity", agreementNumber: "EA-1" }),
    );
    expect(capacity).toMatchObject({ CloudId: guidFor("demo"), BillingModel: "Capacity", UsageReportingEnabled: false, AgreementNumber: "EA-1" });
  });
});
