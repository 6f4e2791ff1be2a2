// What a cost analysis view shows, as the URL holds it (a shareable link restores the same view):
// months from–to (at most 13), daily or monthly buckets, one grouping, filters by any grouping,
// and a comparison period. Pure: the page, the client component and the API share it.
import { z } from "zod";

export const COST_GROUPS = ["meter", "subscription", "registration", "localSubscription", "resourceGroup", "resource", "customer", "reseller"] as const;
export type CostGroup = (typeof COST_GROUPS)[number];

export const COST_GROUP_LABELS: Record<CostGroup, string> = {
  meter: "Meter",
  subscription: "Subscription",
  registration: "Registration (stamp)",
  localSubscription: "Local subscription",
  resourceGroup: "Resource group",
  resource: "Resource",
  customer: "Customer",
  reseller: "Reseller",
};

/** Groupings that only make sense across customers (the partner-wide view). */
export const PARTNER_ONLY_GROUPS: readonly CostGroup[] = ["customer", "reseller"];

export const COST_COMPARISONS = ["none", "previous", "year"] as const;
export type CostComparison = (typeof COST_COMPARISONS)[number];

export const MAX_COST_ANALYSIS_MONTHS = 13;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const month = z.string().regex(MONTH, "Use a month as YYYY-MM.");

export const costAnalysisQuerySchema = z
  .object({
    from: month,
    to: month,
    granularity: z.enum(["daily", "monthly"], { error: "granularity is daily or monthly." }),
    groupBy: z.enum(COST_GROUPS, { error: `groupBy is one of ${COST_GROUPS.join(", ")}.` }),
    compare: z.enum(COST_COMPARISONS, { error: "compare is none, previous or year." }),
    filters: z.partialRecord(z.enum(COST_GROUPS), z.string().min(1).max(2_048)),
  })
  .refine((query) => query.from <= query.to, { path: ["from"], message: "from must not be after to." })
  .refine((query) => monthsBetween(query.from, query.to) <= MAX_COST_ANALYSIS_MONTHS, {
    path: ["to"],
    message: `A cost analysis covers at most ${MAX_COST_ANALYSIS_MONTHS} months.`,
  });

export type CostAnalysisQuery = z.output<typeof costAnalysisQuerySchema>;

/** Months from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split("-").map(Number);
  const [ty, tm] = to.split("-").map(Number);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** `month` moved by `delta` months. */
export function shiftMonth(month: string, delta: number): string {
  const [year, monthNumber] = month.split("-").map(Number);
  return new Date(Date.UTC(year, monthNumber - 1 + delta, 1)).toISOString().slice(0, 7);
}

export function defaultCostAnalysisQuery(now: Date = new Date()): CostAnalysisQuery {
  const current = now.toISOString().slice(0, 7);
  return { from: current, to: current, granularity: "daily", groupBy: "meter", compare: "none", filters: {} };
}

/** The URL's raw values (empty ones left out), before validation. */
function rawQuery(params: URLSearchParams, defaults: CostAnalysisQuery) {
  const get = (key: string) => params.get(key)?.trim() || undefined;
  const filters: Partial<Record<CostGroup, string>> = {};
  for (const group of COST_GROUPS) {
    const value = get(`filter.${group}`);
    if (value) filters[group] = value;
  }
  return {
    from: get("from") ?? defaults.from,
    to: get("to") ?? get("from") ?? defaults.to,
    granularity: get("granularity") ?? defaults.granularity,
    groupBy: get("groupBy") ?? defaults.groupBy,
    compare: get("compare") ?? defaults.compare,
    filters,
  };
}

/** The API's reading: anything invalid is a ZodError (answered 400 with the field). */
export function parseCostAnalysisSearch(params: URLSearchParams, now: Date = new Date()): CostAnalysisQuery {
  return costAnalysisQuerySchema.parse(rawQuery(params, defaultCostAnalysisQuery(now)));
}

/** The page's reading: an invalid URL falls back to the default view rather than an error page. */
export function readCostAnalysisSearch(params: URLSearchParams, now: Date = new Date()): CostAnalysisQuery {
  const parsed = costAnalysisQuerySchema.safeParse(rawQuery(params, defaultCostAnalysisQuery(now)));
  return parsed.success ? parsed.data : defaultCostAnalysisQuery(now);
}

/** The URL search of a view (what parseCostAnalysisSearch reads back). */
export function costAnalysisSearch(query: CostAnalysisQuery): URLSearchParams {
  const params = new URLSearchParams({ from: query.from, to: query.to, granularity: query.granularity, groupBy: query.groupBy, compare: query.compare });
  for (const group of COST_GROUPS) {
    const value = query.filters[group];
    if (value) params.set(`filter.${group}`, value);
  }
  return params;
}
