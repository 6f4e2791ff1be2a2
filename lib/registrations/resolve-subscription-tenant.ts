import "server-only";
import { getPrisma } from "../db";
import { LOWERCASE_GUID } from "./registration-schemas";
import { registrationErrors } from "./registration-errors";

// Resolving which directory (tenant) a customer subscription belongs to is a real boundary: by
// default the portal answers from its own customer records; with TENANT_METADATA_URL set it asks
// that HTTP service (GET {url}?subscriptionId=…, JSON { tenantId }), with a timeout and one retry.
// Any failure there is MetadataResolverBadGatewayError (502, retryable) and nothing is written.

export const DEFAULT_METADATA_TIMEOUT_MS = 3_000;

async function fetchTenantOnce(baseUrl: string, subscriptionId: string, timeoutMs: number): Promise<string | null> {
  const url = new URL(baseUrl);
  url.searchParams.set("subscriptionId", subscriptionId);
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: "application/json" } });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`tenant metadata service answered ${response.status}`);
  const body = (await response.json()) as { tenantId?: unknown };
  if (typeof body.tenantId !== "string" || !LOWERCASE_GUID.test(body.tenantId.toLowerCase())) {
    throw new Error("tenant metadata service answered without a tenantId");
  }
  return body.tenantId.toLowerCase();
}

/** The tenant of a customer subscription, or null when the resolver doesn't know the subscription. */
export async function resolveSubscriptionTenant(subscriptionId: string, env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const baseUrl = env.TENANT_METADATA_URL;
  if (!baseUrl) {
    const prisma = await getPrisma();
    const subscription = await prisma.azureSubscription.findUnique({
      where: { id: subscriptionId },
      select: { customer: { select: { tenantId: true } } },
    });
    return subscription?.customer?.tenantId ?? null;
  }
  const timeoutMs = Number(env.TENANT_METADATA_TIMEOUT_MS) || DEFAULT_METADATA_TIMEOUT_MS;
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      return await fetchTenantOnce(baseUrl, subscriptionId, timeoutMs);
    } catch (error) {
      if (attempt === 2) {
        console.warn("tenant metadata resolution failed", error instanceof Error ? error.message : error);
        throw registrationErrors.metadataResolverBadGateway();
      }
    }
  }
  throw registrationErrors.metadataResolverBadGateway();
}
