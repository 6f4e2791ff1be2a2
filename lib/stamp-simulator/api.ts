// The simulated stamp's admin HTTP API as a fetch-style handler (Request → Response), so the same
// code serves node:http (./http-server) and in-process callers (the demo seed, tests).
//
// - GET /subscriptions/{providerSub}/providers/Microsoft.Commerce.Admin/subscriberUsageAggregates
//   ?reportedStartTime&reportedEndTime&aggregationGranularity=Hourly|Daily&subscriberId
//   &api-version=2015-06-01-preview&continuationToken: the provider usage API. Filters by REPORTED
//   time; pages of 1,000 with continuationToken + nextLink; its own 400 codes.
// - GET /subscriptions/{providerSub}/providers/Microsoft.Subscriptions.Admin/subscriptions
//   ?api-version=2015-11-01: mirrors the admin subscriptions API (the stamp's local subscriptions
//   and their owners' directories), trimmed to the fields a usage collector needs.
import { randomFor } from "./random";
import type { StampIdentity } from "./stamp-identity";
import { aggregateDaily, recordsReportedIn, type GeneratedRecord } from "./usage";
import { HOUR_MS, type StampWorld } from "./world";

export const USAGE_API_VERSION = "2015-06-01-preview";
export const SUBSCRIPTIONS_API_VERSION = "2015-11-01";
export const PAGE_SIZE = 1000;

/** One usage line exactly as the stamp serves it (instanceData is a JSON string). */
export interface UsageAggregate {
  id: string;
  name: string;
  type: "Microsoft.Commerce.Admin/UsageAggregate";
  properties: {
    subscriptionId: string;
    usageStartTime: string;
    usageEndTime: string;
    instanceData: string;
    quantity: number;
    meterId: string;
  };
}

export interface StampApiOptions {
  world: StampWorld;
  /** The stamp's clock: end times after it are "in the future". */
  now?: () => Date;
  /** Probability of answering 503 ServiceUnavailable (deterministic sequence per seed). */
  failRate?: number;
  pageSize?: number;
  /** Sign-in as a real stamp requires (stamp-identity.ts); without it the API answers anyone. */
  identity?: StampIdentity;
}

export type FetchHandler = (request: Request) => Promise<Response>;

const USAGE_PATH = /^\/subscriptions\/([^/]*)\/providers\/Microsoft\.Commerce\.Admin\/subscriberUsageAggregates\/?$/i;
const SUBSCRIPTIONS_PATH = /^\/subscriptions\/([^/]*)\/providers\/Microsoft\.Subscriptions\.Admin\/subscriptions\/?$/i;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8", ...headers } });
}

function apiError(status: number, code: string, message: string): Response {
  return json(status, { error: { code, message } });
}

/** "2015-03-03T00:00:00+00:00": the offset form the stamp writes. */
export function stampTime(epoch: number): string {
  return new Date(epoch).toISOString().replace(/\.000Z$/, "+00:00");
}

function toAggregate(record: GeneratedRecord): UsageAggregate {
  const { resource } = record;
  const additionalInfo = resource.kind === "vm" ? { ImageType: resource.windows ? "WindowsServer" : "Linux", VCores: String(resource.vcores) } : null;
  const instanceData = JSON.stringify({
    "Microsoft.Resources": { resourceUri: record.resourceUri, location: "local", tags: null, additionalInfo },
  });
  const name = `${record.subscriptionId}-${record.meterId}`;
  return {
    id: `/subscriptions/${record.subscriptionId}/providers/Microsoft.Commerce.Admin/UsageAggregate/${name}`,
    name,
    type: "Microsoft.Commerce.Admin/UsageAggregate",
    properties: {
      subscriptionId: record.subscriptionId,
      usageStartTime: stampTime(record.usageStart),
      usageEndTime: stampTime(record.usageEnd),
      instanceData,
      // Quantities have ≤ 4 decimals, so the JSON number's shortest form is the exact decimal text.
      quantity: Number(record.quantity),
      meterId: record.meterId,
    },
  };
}

/** A UTC time on the hour, or an error message. */
function parseHour(name: string, value: string | null): number | string {
  if (!value) return `${name} is required.`;
  const epoch = Date.parse(value);
  if (Number.isNaN(epoch)) return `${name} '${value}' is not a valid date-time.`;
  if (epoch % HOUR_MS !== 0) return `${name} '${value}' must be on the hour (UTC).`;
  return epoch;
}

interface PageCursor {
  key: string;
  offset: number;
}

function encodeToken(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeToken(token: string): PageCursor | null {
  try {
    const cursor = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Partial<PageCursor>;
    return typeof cursor.key === "string" && Number.isInteger(cursor.offset) && (cursor.offset ?? -1) >= 0 ? (cursor as PageCursor) : null;
  } catch {
    return null;
  }
}

export function createStampApi(options: StampApiOptions): FetchHandler {
  const { world } = options;
  const now = options.now ?? (() => new Date());
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const failRate = options.failRate ?? world.config.failRate;
  let requestCount = 0;
  // Paging re-reads the same window: keep the last window's records instead of regenerating them.
  let cached: { key: string; records: GeneratedRecord[] } | null = null;

  function usage(url: URL, providerSub: string): Response {
    const params = url.searchParams;
    const apiVersion = params.get("api-version");
    if (!apiVersion) return apiError(400, "NoApiVersion", "The api-version query parameter is required.");
    if (apiVersion !== USAGE_API_VERSION) return apiError(400, "InvalidProperty", `api-version '${apiVersion}' is not supported; use ${USAGE_API_VERSION}.`);
    if (!providerSub) return apiError(400, "SubscriptionIdMissingInRequest", "The subscription id is missing in the request.");
    if (providerSub.toLowerCase() !== world.config.providerSubscriptionId.toLowerCase()) {
      return apiError(404, "SubscriptionNotFound", `Subscription '${providerSub}' is not a provider subscription of this stamp.`);
    }
    const granularity = params.get("aggregationGranularity") ?? "Daily";
    if (granularity !== "Hourly" && granularity !== "Daily") {
      return apiError(400, "InvalidAggregationGranularity", `aggregationGranularity '${granularity}' must be Hourly or Daily.`);
    }
    const from = parseHour("reportedStartTime", params.get("reportedStartTime"));
    if (typeof from === "string") return apiError(400, "InvalidProperty", from);
    const to = parseHour("reportedEndTime", params.get("reportedEndTime"));
    if (typeof to === "string") return apiError(400, "InvalidProperty", to);
    if (to > now().getTime()) return apiError(400, "RequestEndTimeIsInFuture", "reportedEndTime must not be in the future.");
    if (to <= from) return apiError(400, "InvalidProperty", "reportedEndTime must be after reportedStartTime.");
    if (granularity === "Daily" && (from % (24 * HOUR_MS) !== 0 || to % (24 * HOUR_MS) !== 0)) {
      return apiError(400, "InvalidProperty", "Daily aggregation needs start and end times at midnight UTC.");
    }
    const subscriberId = params.get("subscriberId")?.toLowerCase() ?? null;
    let subscriptions: Set<string> | null = null;
    if (subscriberId) {
      const owned = world.subscriptions.filter((row) => !row.isProviderSubscription && row.tenantId.toLowerCase() === subscriberId);
      if (owned.length === 0) return apiError(400, "SubscriberIdIsNotDirectTenant", `'${subscriberId}' is not a directory tenant of this stamp.`);
      subscriptions = new Set(owned.map((row) => row.subscriptionId));
    }

    const key = `${from}|${to}|${granularity}|${subscriberId ?? ""}`;
    let offset = 0;
    const token = params.get("continuationToken");
    if (token) {
      const cursor = decodeToken(token);
      if (!cursor || cursor.key !== key) return apiError(400, "InvalidProperty", "continuationToken is not valid for this query.");
      offset = cursor.offset;
    }
    if (cached?.key !== key) {
      let records = recordsReportedIn(world, from, to);
      if (subscriptions) records = records.filter((record) => subscriptions.has(record.subscriptionId));
      cached = { key, records: granularity === "Daily" ? aggregateDaily(records) : records };
    }
    const page = cached.records.slice(offset, offset + pageSize).map(toAggregate);
    const more = offset + pageSize < cached.records.length;
    const body: { value: UsageAggregate[]; continuationToken?: string; nextLink: string | null } = { value: page, nextLink: null };
    if (more) {
      const next = encodeToken({ key, offset: offset + pageSize });
      const link = new URL(url);
      link.searchParams.set("continuationToken", next);
      body.continuationToken = next;
      body.nextLink = link.toString();
    }
    return json(200, body);
  }

  function subscriptionsList(url: URL, providerSub: string): Response {
    if (!url.searchParams.get("api-version")) return apiError(400, "NoApiVersion", "The api-version query parameter is required.");
    if (!providerSub) return apiError(400, "SubscriptionIdMissingInRequest", "The subscription id is missing in the request.");
    if (providerSub.toLowerCase() !== world.config.providerSubscriptionId.toLowerCase()) {
      return apiError(404, "SubscriptionNotFound", `Subscription '${providerSub}' is not a provider subscription of this stamp.`);
    }
    const value = world.subscriptions.map((row) => ({
      subscriptionId: row.subscriptionId,
      owner: row.owner,
      tenantId: row.tenantId,
      displayName: row.displayName,
      ...(row.isProviderSubscription ? { isProviderSubscription: true } : {}),
    }));
    return json(200, { value });
  }

  return async (request) => {
    const url = new URL(request.url);
    // A stamp with sign-in: its metadata and identity endpoints answer anyone; ARM wants a token.
    if (options.identity) {
      const answered = await options.identity.handle(request, url);
      if (answered) return answered;
      const refused = await options.identity.refuseUnauthenticated(request, url.origin);
      if (refused) return refused;
    }
    if (request.method !== "GET") return apiError(405, "MethodNotAllowed", `${request.method} is not supported.`);
    requestCount += 1;
    if (failRate > 0 && randomFor(`${world.config.seed}|fail|${requestCount}`)() < failRate) {
      return json(503, { error: { code: "ServiceUnavailable", message: "The usage service is temporarily unavailable." } }, { "retry-after": "1" });
    }
    const path = decodeURIComponent(url.pathname);
    const usageMatch = USAGE_PATH.exec(path);
    if (usageMatch) return usage(url, usageMatch[1]);
    const subscriptionsMatch = SUBSCRIPTIONS_PATH.exec(path);
    if (subscriptionsMatch) return subscriptionsList(url, subscriptionsMatch[1]);
    return apiError(404, "NotFound", `No route for ${url.pathname}.`);
  };
}
