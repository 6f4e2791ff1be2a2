// The wrapper of every ARM-shaped route handler: authenticate the API token, check api-version,
// run the handler, and turn whatever it throws into an ARM error with the right status.
//
// API = tokens only: the browser session (cookie) is deliberately not accepted here. ARM clients
// (New-AzureRmResource, scripts, stamps) send bearer tokens, and not honouring cookies means these
// state-changing endpoints need no CSRF defence. People use the portal's pages and actions instead.
import "server-only";
import { randomUUID } from "node:crypto";
import type { PartnerScope } from "../auth/partner-scope";
import { authenticateApiToken } from "../api-tokens/resolve-api-token-scope";
import { armErrorFromException, armProtocolError } from "./arm-response";
import { armRequestError } from "./arm-error-codes";

export interface ArmCall<Params> {
  request: Request;
  url: URL;
  params: Params;
  /** The token's partner scope (see resolve-api-token-scope.ts). */
  scope: PartnerScope;
}

/** Next 16 passes route params as a promise. */
export interface ArmRouteContext<Params> {
  params: Promise<Params>;
}

export type ArmRouteHandler<Params> = (request: Request, context: ArmRouteContext<Params>) => Promise<Response>;

export function withArmHandler<Params>(
  options: { apiVersions: readonly string[] },
  handler: (call: ArmCall<Params>) => Promise<Response>,
): ArmRouteHandler<Params> {
  return async (request, context) => {
    const requestId = randomUUID();
    let response: Response;
    try {
      response = await handle(request, context, options.apiVersions, handler);
    } catch (error) {
      response = armErrorFromException(error, requestId);
    }
    response.headers.set("x-ms-request-id", requestId);
    response.headers.set("cache-control", "no-store");
    return response;
  };
}

async function handle<Params>(
  request: Request,
  context: ArmRouteContext<Params>,
  apiVersions: readonly string[],
  handler: (call: ArmCall<Params>) => Promise<Response>,
): Promise<Response> {
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
  const apiVersion = url.searchParams.get("api-version");
  if (!apiVersion) {
    return armProtocolError("MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
  }
  if (!apiVersions.includes(apiVersion)) {
    return armProtocolError(
      "InvalidApiVersionParameter",
      `The api-version '${apiVersion}' is invalid. The supported versions are '${apiVersions.join("', '")}'.`,
    );
  }
  return handler({ request, url, params: await context.params, scope });
}

/**
 * The URL as the caller addressed it. Next builds request.url from its own listening host, which
 * behind a reverse proxy (or `next start -H`) isn't the one the caller used, and nextLink must be
 * fetchable by the caller as is. Only a syntactically plain host is taken from the headers.
 */
function publicUrl(request: Request): URL {
  const url = new URL(request.url);
  const first = (value: string | null) => value?.split(",")[0]?.trim() || null;
  const host = first(request.headers.get("x-forwarded-host")) ?? first(request.headers.get("host"));
  const proto = first(request.headers.get("x-forwarded-proto"));
  if (proto === "http" || proto === "https") url.protocol = `${proto}:`;
  const plainHost = host ? /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/.exec(host) : null;
  if (plainHost) {
    url.hostname = plainHost[1];
    // The caller's host decides the port: none means the scheme's default (the URL host setter
    // would otherwise keep Next's listening port).
    url.port = plainHost[2] ?? "";
  }
  return url;
}

const MAX_BODY_CHARS = 64 * 1024;

/** The request body as a JSON object; anything else is InvalidRequestContent (400). */
export async function readArmJsonBody(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  // Registration bodies are a few hundred bytes; refuse anything absurd before parsing it.
  if (text.length > MAX_BODY_CHARS) {
    throw armRequestError("InvalidRequestContent", `The request content is too large (at most ${MAX_BODY_CHARS} characters).`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw armRequestError("InvalidRequestContent", "The request content was invalid and could not be deserialized: it is not valid JSON.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw armRequestError("InvalidRequestContent", "The request content was invalid and could not be deserialized: expected a JSON object.");
  }
  return body as Record<string, unknown>;
}
