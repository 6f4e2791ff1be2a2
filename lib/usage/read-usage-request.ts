import "server-only";
import { gunzipSync, inflateSync } from "node:zlib";
import { DomainError } from "../actions/errors";
import type { PhaseTimer } from "./phase-timer";
import { splitUsageBody, UsageBodySyntaxError, type UsageRecordList } from "./usage-record-list";
import { authenticateIngestionKey, type IngestionKeyIdentity } from "./ingestion-keys/authenticate-ingestion-key";

/** Decompressed body limit: 50k records of ~600 bytes, with headroom. Also stops gzip bombs. */
export const MAX_USAGE_BODY_BYTES = 64 * 1024 * 1024;

export function usageError(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}

/** The key's registration, or a 401 response (same answer for missing, unknown and revoked keys). */
export async function authenticateUsageRequest(request: Request): Promise<IngestionKeyIdentity | Response> {
  const identity = await authenticateIngestionKey(request.headers.get("authorization"));
  if (identity) return identity;
  return Response.json(
    { error: { code: "Unauthenticated", message: "Send a valid, unrevoked ingestion key: Authorization: Bearer scik_…" } },
    { status: 401, headers: { "www-authenticate": 'Bearer realm="stackcenter-usage"' } },
  );
}

/** The body as text, gunzipped/inflated per Content-Encoding. Throws DomainError (413/415/400). */
async function readUsageText(request: Request, timer?: PhaseTimer): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_USAGE_BODY_BYTES) throw new DomainError("PayloadTooLarge", "The request body is too large.", { status: 413 });
  const raw = Buffer.from(await request.arrayBuffer());
  const encoding = (request.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  let body: Buffer;
  try {
    if (encoding === "gzip" || encoding === "x-gzip") body = gunzipSync(raw, { maxOutputLength: MAX_USAGE_BODY_BYTES });
    else if (encoding === "deflate") body = inflateSync(raw, { maxOutputLength: MAX_USAGE_BODY_BYTES });
    else if (encoding === "identity" || encoding === "") body = raw;
    else throw new DomainError("UnsupportedEncoding", `Content-Encoding ${encoding} is not supported; use gzip.`, { status: 415 });
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const tooLarge = error instanceof RangeError || (error instanceof Error && /maxOutputLength|buffer/i.test(error.message));
    if (tooLarge) throw new DomainError("PayloadTooLarge", "The decompressed body is too large.", { status: 413 });
    throw new DomainError("InvalidRequestContent", "The body could not be decompressed.", { status: 400 });
  }
  if (body.length > MAX_USAGE_BODY_BYTES) throw new DomainError("PayloadTooLarge", "The request body is too large.", { status: 413 });
  const text = body.toString("utf8");
  timer?.lap("read");
  return text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError("InvalidRequestContent", "The body is not valid JSON.", { status: 400 });
  }
}

/** The JSON body, gunzipped/inflated per Content-Encoding. Throws DomainError (400/413/415). */
export async function readUsageJson(request: Request, timer?: PhaseTimer): Promise<unknown> {
  const parsed = parseJson(await readUsageText(request, timer));
  timer?.lap("json");
  return parsed;
}

/**
 * The records of a usageAggregates body ({"value":[…]}), parsed slice by slice as the ingest reads
 * them (usage-record-list.ts): a record slice that turns out not to be JSON throws
 * UsageBodySyntaxError then, inside the ingest's transaction, which stores nothing. Any other
 * shape is parsed whole here. Throws DomainError (400/413/415).
 */
export async function readUsageRecords(request: Request, timer?: PhaseTimer): Promise<UsageRecordList> {
  const text = await readUsageText(request, timer);
  const split = splitUsageBody(text);
  const value = split ? split.records : bodyValue(parseJson(text));
  timer?.lap("json");
  return value;
}

function bodyValue(body: unknown): unknown[] {
  const value = typeof body === "object" && body !== null && !Array.isArray(body) ? (body as { value?: unknown }).value : undefined;
  if (!Array.isArray(value)) throw new DomainError("InvalidRequestContent", 'The body must be {"value":[…usage records…]}.', { status: 400 });
  return value;
}

/** DomainErrors as JSON error responses; anything else logged and answered 500. */
export function usageErrorFromException(error: unknown): Response {
  if (error instanceof DomainError) return usageError(error.status, error.code, error.message);
  if (error instanceof UsageBodySyntaxError) return usageError(400, "InvalidRequestContent", error.message);
  console.error("Unexpected usage API error", error);
  return usageError(500, "InternalError", "Something went wrong on our side; the batch was not stored. Retry it.");
}
