// The one entry of the ARM-shaped API (app/api/arm/[...path]/route.ts): authenticate the API token,
// match the path against ARM_ROUTES as ARM does (case-insensitive segment names, ARM errors for
// unknown paths and methods), check api-version and the path's ids, run the handler, and turn
// whatever it throws into an ARM error. Every response carries ARM's request headers.
//
// API = tokens only: the browser session (cookie) is deliberately not accepted here. ARM clients
// (Microsoft's SDKs, scripts, stamps) send bearer tokens, and not honouring cookies means these
// state-changing endpoints need no CSRF defence. People use the portal's pages and actions instead.
import "server-only";
import { randomUUID } from "node:crypto";
import { authenticateApiToken } from "../api-tokens/resolve-api-token-scope";
import { armError, armErrorFromException, armProtocolError } from "./arm-response";
import { armRequestError } from "./arm-error-codes";
import { armPathSegments, matchPattern, type HttpMethod } from "./arm-path";
import { REGISTRATION_API_VERSIONS } from "./arm-shapes";
import { ARM_ROUTES, type ArmRoute } from "./arm-routes";

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** Client-chosen ids are echoed only when they look like ids (no header injection, no megabytes). */
const ECHOABLE = /^[\w.:-]{1,128}$/;
const API_VERSIONS: readonly string[] = REGISTRATION_API_VERSIONS;

export async function handleArmRequest(request: Request): Promise<Response> {
  const requestId = randomUUID();
  let response: Response;
  try {
    response = await dispatch(request);
  } catch (error) {
    response = armErrorFromException(error, requestId);
  }
  const echo = (name: string) => {
    const value = request.headers.get(name);
    return value && ECHOABLE.test(value) ? value : null;
  };
  response.headers.set("x-ms-request-id", requestId);
  response.headers.set("x-ms-correlation-request-id", echo("x-ms-correlation-request-id") ?? requestId);
  const clientRequestId = echo("x-ms-client-request-id");
  if (clientRequestId) response.headers.set("x-ms-client-request-id", clientRequestId);
  response.headers.set("cache-control", "no-store");
  if (request.method === "HEAD") return new Response(null, { status: response.status, headers: response.headers });
  return response;
}

async function dispatch(request: Request): Promise<Response> {
  // As ARM does, authentication comes first: an anonymous caller learns nothing about the API.
  const authorization = request.headers.get("authorization");
  const scope = await authenticateApiToken(authorization);
  if (!scope) {
    const message = authorization
      ? "Authentication failed. The API token is invalid, revoked, or no longer allowed to act for its partner."
      : "Authentication failed. The 'Authorization' header is missing. Send 'Authorization: Bearer <API token>'.";
    return armProtocolError("AuthenticationFailed", message, { "WWW-Authenticate": 'Bearer realm="Stackcenter"' });
  }

  const url = publicUrl(request);
  const segments = armPathSegments(url.pathname);
  const apiVersion = url.searchParams.get("api-version");
  const found = findRoute(segments);
  if (!found) return unknownPath(segments, apiVersion);

  const method = request.method === "HEAD" ? "GET" : request.method;
  const allowed = Object.keys(found.route.methods).join(", ");
  if (method === "OPTIONS") return new Response(null, { status: 204, headers: { Allow: `${allowed}, OPTIONS` } });
  const handler = found.route.methods[method as HttpMethod];
  if (!handler) {
    return armError(405, "MethodNotAllowed", `The requested resource does not support http method '${request.method}'. It supports ${allowed}.`, undefined, {
      Allow: allowed,
    });
  }

  if (!apiVersion) {
    return armProtocolError("MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
  }
  if (!API_VERSIONS.includes(apiVersion)) {
    return armProtocolError(
      "InvalidApiVersionParameter",
      `The api-version '${apiVersion.slice(0, 40)}' is invalid. The supported versions are '${API_VERSIONS.join("', '")}'.`,
    );
  }
  return handler({ request, publicUrl: url, params: normaliseParams(found.params), scope });
}

function findRoute(segments: string[]): { route: ArmRoute; params: Record<string, string> } | null {
  for (const route of ARM_ROUTES) {
    const params = matchPattern(route, segments);
    if (params) return { route, params };
  }
  return null;
}

/** Subscription ids must be GUIDs (ARM's InvalidSubscriptionId); GUIDs are compared lower-case. */
function normaliseParams(params: Record<string, string>): Record<string, string> {
  const { subscriptionId, customerSubscriptionId } = params;
  if (subscriptionId !== undefined && !GUID.test(subscriptionId)) {
    throw armRequestError("InvalidSubscriptionId", `The provided subscription identifier '${subscriptionId.slice(0, 100)}' is malformed or invalid.`);
  }
  return {
    ...params,
    ...(subscriptionId !== undefined ? { subscriptionId: subscriptionId.toLowerCase() } : {}),
    ...(customerSubscriptionId !== undefined && GUID.test(customerSubscriptionId) ? { customerSubscriptionId: customerSubscriptionId.toLowerCase() } : {}),
  };
}

/** ARM's answers for a path no route serves: another provider's namespace, or an unknown type. */
function unknownPath(segments: string[], apiVersion: string | null): Response {
  const providers = segments.findIndex((segment) => segment.toLowerCase() === "providers");
  const namespace = providers >= 0 ? segments[providers + 1] : undefined;
  if (namespace && namespace.toLowerCase() !== "microsoft.azurestack") {
    return armProtocolError(
      "NoRegisteredProviderFound",
      `No registered resource provider found for namespace '${namespace.slice(0, 100)}'${apiVersion ? ` and API version '${apiVersion.slice(0, 40)}'` : ""}. ` +
        `This API serves the Microsoft.AzureStack provider only.`,
    );
  }
  const type = namespace
    ? segments
        .slice(providers + 2)
        .filter((_, index) => index % 2 === 0)
        .join("/")
    : segments.join("/");
  return armProtocolError(
    "InvalidResourceType",
    `The resource type '${type.slice(0, 200)}' could not be found in the namespace 'Microsoft.AzureStack' for api version '${(apiVersion ?? API_VERSIONS[0]).slice(0, 40)}'.`,
  );
}

/**
 * The request URL at the portal's configured public address (NEXTAUTH_URL), which is what links
 * handed back to callers (nextLink) must use. Headers such as X-Forwarded-Host are never trusted
 * for it: a client could otherwise make the API hand out links to a host of its choosing.
 */
function publicUrl(request: Request): URL {
  const url = new URL(request.url);
  const configured = process.env.NEXTAUTH_URL;
  if (!configured) return url;
  try {
    const base = new URL(configured);
    url.protocol = base.protocol;
    url.hostname = base.hostname;
    url.port = base.port;
  } catch {
    // A malformed NEXTAUTH_URL fails sign-in loudly elsewhere; links keep the request's own host.
  }
  return url;
}
