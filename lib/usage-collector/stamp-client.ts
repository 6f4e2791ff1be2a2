// Reads a stamp's admin APIs: the local subscriptions, and subscriberUsageAggregates for one
// reported-time window, following continuationToken / nextLink to the last page. Records are kept
// exactly as the stamp returned them (the ingest contract forwards them untouched).
import { isTransientStatus, TransientError, withRetry, type RetryPolicy, type Sleep } from "./retry";

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

export const USAGE_API_VERSION = "2015-06-01-preview";
export const SUBSCRIPTIONS_API_VERSION = "2015-11-01";

export interface StampLocalSubscription {
  subscriptionId: string;
  owner?: string;
  tenantId: string;
  displayName?: string;
  isProviderSubscription?: boolean;
}

export interface StampClientOptions {
  stampUrl: string;
  providerSubscriptionId: string;
  fetch: FetchLike;
  retry: RetryPolicy;
  sleep: Sleep;
  log?: (message: string) => void;
}

/** A stamp error that retrying won't fix (a 400 with the API's code, a 404). */
export class StampApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`stamp ${status} ${code}: ${message}`);
    this.name = "StampApiError";
  }
}

async function readError(response: Response): Promise<{ code: string; message: string }> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
    return { code: body.error?.code ?? String(response.status), message: body.error?.message ?? text };
  } catch {
    return { code: String(response.status), message: text.slice(0, 200) };
  }
}

export function createStampClient(options: StampClientOptions) {
  const base = options.stampUrl.replace(/\/+$/, "");
  const provider = encodeURIComponent(options.providerSubscriptionId);

  async function getJson<T>(url: string): Promise<T> {
    return withRetry(
      `GET ${new URL(url).pathname}`,
      options.retry,
      options.sleep,
      async () => {
        const response = await options.fetch(url, { headers: { accept: "application/json" } });
        if (response.ok) return (await response.json()) as T;
        const { code, message } = await readError(response);
        if (isTransientStatus(response.status)) throw new TransientError(`${response.status} ${code}: ${message}`, response.status);
        throw new StampApiError(response.status, code, message);
      },
      (attempt, delay, error) => options.log?.(`stamp: ${(error as Error).message}; retry ${attempt} in ${delay} ms`),
    );
  }

  return {
    async localSubscriptions(): Promise<StampLocalSubscription[]> {
      const url = `${base}/subscriptions/${provider}/providers/Microsoft.Subscriptions.Admin/subscriptions?api-version=${SUBSCRIPTIONS_API_VERSION}`;
      return (await getJson<{ value: StampLocalSubscription[] }>(url)).value;
    },

    /** Every hourly record reported in [from, to), all pages. */
    async usageWindow(from: Date, to: Date): Promise<unknown[]> {
      const query = new URLSearchParams({
        reportedStartTime: from.toISOString(),
        reportedEndTime: to.toISOString(),
        aggregationGranularity: "Hourly",
        "api-version": USAGE_API_VERSION,
      });
      const first = `${base}/subscriptions/${provider}/providers/Microsoft.Commerce.Admin/subscriberUsageAggregates?${query}`;
      const records: unknown[] = [];
      const seen = new Set<string>();
      let url: string | null = first;
      while (url) {
        const page: { value?: unknown[]; nextLink?: string | null; continuationToken?: string | null } = await getJson(url);
        records.push(...(page.value ?? []));
        // Prefer nextLink (absolute, as ARM returns it); fall back to the bare continuationToken.
        let next: string | null = page.nextLink ?? null;
        if (!next && page.continuationToken) {
          const link = new URL(first);
          link.searchParams.set("continuationToken", page.continuationToken);
          next = link.toString();
        }
        if (next && seen.has(next)) throw new Error(`stamp returned the same page link twice: ${next}`);
        if (next) seen.add(next);
        url = next;
      }
      return records;
    },
  };
}

export type StampClient = ReturnType<typeof createStampClient>;
