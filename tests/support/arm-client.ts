// Drives the ARM-shaped API the way an HTTP client would, without a server: `armFetch(url, init)`
// routes the URL to the exported route handler (GET/PUT/DELETE) of the matching app/api/arm route
// file, with Next 16's `{ params: Promise<…> }` context. nextLink URLs it returns can be fetched as is.
import * as registrationRoute from "../../app/api/arm/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/providers/Microsoft.AzureStack/registrations/[registrationName]/route";
import * as listRoute from "../../app/api/arm/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/providers/Microsoft.AzureStack/registrations/[registrationName]/customerSubscriptions/route";
import * as customerSubscriptionRoute from "../../app/api/arm/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/providers/Microsoft.AzureStack/registrations/[registrationName]/customerSubscriptions/[customerSubscriptionId]/route";
import type { ArmRegistrationRef } from "../../lib/registrations/registration-errors";

export const ARM_ORIGIN = "http://stackcenter.test";
export const API_VERSION = "2017-06-01";

const PATH = /^\/api\/arm\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.AzureStack\/registrations\/([^/]+)(\/customerSubscriptions(?:\/([^/]+))?)?$/;

export async function armFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const request = new Request(url, init);
  const match = PATH.exec(new URL(request.url).pathname);
  if (!match) return new Response(null, { status: 404 });
  // Next hands route handlers decoded segments.
  const [subscriptionId, resourceGroup, registrationName] = [match[1], match[2], match[3]].map(decodeURIComponent);
  const base = { subscriptionId, resourceGroup, registrationName };
  const method = request.method;
  if (match[5] !== undefined) {
    const context = { params: Promise.resolve({ ...base, customerSubscriptionId: decodeURIComponent(match[5]) }) };
    if (method === "PUT") return customerSubscriptionRoute.PUT(request, context);
    if (method === "GET") return customerSubscriptionRoute.GET(request, context);
    if (method === "DELETE") return customerSubscriptionRoute.DELETE(request, context);
  } else if (match[4]) {
    if (method === "GET") return listRoute.GET(request, { params: Promise.resolve(base) });
  } else {
    if (method === "GET") return registrationRoute.GET(request, { params: Promise.resolve(base) });
    if (method === "PUT") return registrationRoute.PUT(request, { params: Promise.resolve(base) });
  }
  return new Response(null, { status: 405 });
}

/** The URL of a registration (or its customerSubscriptions list, or one of them), with api-version unless told otherwise. */
export function armUrl(
  ref: ArmRegistrationRef,
  options: { customerSubscriptions?: boolean; customerSubscriptionId?: string; apiVersion?: string | null; query?: Record<string, string> } = {},
): string {
  let path = `/api/arm/subscriptions/${ref.subscriptionId}/resourceGroups/${encodeURIComponent(ref.resourceGroup)}/providers/Microsoft.AzureStack/registrations/${encodeURIComponent(ref.name)}`;
  if (options.customerSubscriptions || options.customerSubscriptionId !== undefined) path += "/customerSubscriptions";
  if (options.customerSubscriptionId !== undefined) path += `/${encodeURIComponent(options.customerSubscriptionId)}`;
  const query = new URLSearchParams();
  const apiVersion = options.apiVersion === undefined ? API_VERSION : options.apiVersion;
  if (apiVersion !== null) query.set("api-version", apiVersion);
  for (const [key, value] of Object.entries(options.query ?? {})) query.set(key, value);
  const search = query.toString().replace(/%24/g, "$");
  return `${ARM_ORIGIN}${path}${search ? `?${search}` : ""}`;
}

/** Headers of an authenticated JSON call. */
export function bearer(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${token}`, "content-type": "application/json", ...extra };
}

export interface ArmErrorJson {
  error: { code: string; message: string; details?: { code: string; target: string; message: string }[] };
}

/** Status + parsed JSON body (null for an empty body, e.g. 204). */
export async function readArm<T = unknown>(response: Response): Promise<{ status: number; body: T }> {
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}
