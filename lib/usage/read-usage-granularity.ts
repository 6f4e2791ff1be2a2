import "server-only";
import { DomainError } from "../errors";
import { USAGE_GRANULARITIES, type UsageGranularity } from "./ingest/domain/parse-usage-record";

/**
 * The batch's granularity from the ingest URL's aggregationGranularity (the usage API's own
 * parameter name and values, matched case-insensitively); Hourly when absent.
 */
export function readUsageGranularity(requestUrl: string): UsageGranularity {
  const value = new URL(requestUrl).searchParams.get("aggregationGranularity");
  if (value === null || value === "") return "Hourly";
  const granularity = USAGE_GRANULARITIES.find((name) => name.toLowerCase() === value.trim().toLowerCase());
  if (granularity) return granularity;
  throw new DomainError("InvalidGranularity", `aggregationGranularity must be Hourly or Daily, not "${value.slice(0, 40)}".`, { status: 400 });
}
