// The price list browse/export query: parsed from the URL, so filters survive reloads and links,
// and the CSV download exports exactly the view on screen. Pure: shared by pages, routes, client.
import { z } from "zod";
import { parsePriceDate, todayUtc } from "./price-dates";

/** Seed 000: "Filter on Region = Azure Stack". */
export const DEFAULT_REGION = "Azure Stack";
/** The region filter value for "every region". */
export const ALL_REGIONS = "all";
export const PRICE_LIST_PAGE_SIZE = 50;

export const PRICE_SORTS = ["product", "sku", "meter", "price", "region", "market", "start"] as const;
export type PriceSort = (typeof PRICE_SORTS)[number];

const isoDay = z
  .string()
  .trim()
  .refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && parsePriceDate(value) === value);

export const priceListQuerySchema = z.object({
  region: z.string().trim().max(200).optional().catch(undefined),
  category: z.string().trim().max(200).optional().catch(undefined),
  market: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/)
    .optional()
    .catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  sort: z.enum(PRICE_SORTS).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
  date: isoDay.optional().catch(undefined),
});
export type PriceListQuery = z.output<typeof priceListQuerySchema>;

/** A query with its defaults applied. `region: null` means every region. */
export interface ResolvedPriceListQuery {
  region: string | null;
  category: string | null;
  market: string | null;
  q: string | null;
  sort: PriceSort;
  dir: "asc" | "desc";
  page: number;
  /** Prices in effect on this day (YYYY-MM-DD). */
  date: string;
}

export function resolvePriceListQuery(query: PriceListQuery, now = new Date()): ResolvedPriceListQuery {
  return {
    region: query.region === ALL_REGIONS ? null : (query.region ?? DEFAULT_REGION),
    category: query.category || null,
    market: query.market ?? null,
    q: query.q || null,
    sort: query.sort ?? "product",
    dir: query.dir ?? "asc",
    page: query.page ?? 1,
    date: query.date ?? todayUtc(now),
  };
}

/** Parses URL search params (a page's searchParams object or URLSearchParams). */
export function parsePriceListSearchParams(raw: URLSearchParams | Record<string, string | string[] | undefined>): PriceListQuery {
  const get = (key: string) => {
    const value = raw instanceof URLSearchParams ? raw.get(key) : raw[key];
    return (Array.isArray(value) ? value[0] : value) || undefined;
  };
  return priceListQuerySchema.parse(Object.fromEntries(Object.keys(priceListQuerySchema.shape).map((key) => [key, get(key)])));
}

/** URL params for a resolved query, leaving defaults out; `date` is kept only when given explicitly. */
export function priceListParams(query: ResolvedPriceListQuery, explicitDate: boolean, overrides: Partial<ResolvedPriceListQuery> = {}): URLSearchParams {
  const q = { ...query, ...overrides };
  const params = new URLSearchParams();
  if (q.region !== DEFAULT_REGION) params.set("region", q.region ?? ALL_REGIONS);
  if (q.category) params.set("category", q.category);
  if (q.market) params.set("market", q.market);
  if (q.q) params.set("q", q.q);
  if (q.sort !== "product") params.set("sort", q.sort);
  if (q.dir !== "asc") params.set("dir", q.dir);
  if (explicitDate || overrides.date) params.set("date", q.date);
  if (q.page > 1) params.set("page", String(q.page));
  return params;
}
