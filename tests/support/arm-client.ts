// Drives the ARM-shaped API the way an HTTP client would, without a server: `armFetch(url, init)`
// hands the Request to the exported method handler of app/api/arm/[...path]/route.ts, as Next does.
// nextLink URLs it returns can be fetched as is.
import * as armRoute from "../../app/api/arm/[...path]/route";
import type { ArmRegistrationRef } from "../../lib/registrations/registration-errors";

export const ARM_ORIGIN = "http://stackcenter.test";
export const API_VERSION = "2017-06-01";

const METHODS = {
  GET: armRoute.GET,
  PUT: armRoute.PUT,
  PATCH: armRoute.PATCH,
  DELETE: armRoute.DELETE,
  POST: armRoute.POST,
  HEAD: armRoute.HEAD,
  OPTIONS: armRoute.OPTIONS,
};

export async function armFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const request = new Request(url, init);
  const handler = METHODS[request.method as keyof typeof METHODS];
  // Next answers a method the route file doesn't export with a bare 405.
  return handler ? handler(request) : new Response(null, { status: 405 });
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
