import "server-only";
import { gunzipSync, inflateSync } from "node:zlib";
import { DomainError } from "../actions/errors";
import type { PhaseTimer } from "./phase-timer";
import { arrayRecordList, openUsageBody, UsageBodySyntaxError, UsageBodyTooManyRecordsError, type UsageRecordList } from "./usage-record-list";
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

/** The body's bytes, gunzipped/inflated per Content-Encoding. Throws DomainError (413/415/400). */
async function readUsageBytes(request: Request, timer?: PhaseTimer): Promise<Buffer> {
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
  timer?.lap("read");
  return body;
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
  const parsed = parseJson((await readUsageBytes(request, timer)).toString("utf8"));
  timer?.lap("json");
  return parsed;
}

/**
 * The records of a usageAggregates body ({"value":[…]}), read from its bytes slice by slice as the
 * ingest reaches them (usage-record-list.ts): what turns out not to be JSON further on (or more than
 * `maxRecords` records) throws then, inside the ingest's transaction, which stores nothing. A body
 * that doesn't open as {…"value":[ is parsed whole here. Throws DomainError (400/413/415).
 */
export async function readUsageRecords(request: Request, maxRecords: number, timer?: PhaseTimer): Promise<UsageRecordList> {
  const bytes = await readUsageBytes(request, timer);
  const lazy = openUsageBody(bytes, maxRecords);
  timer?.lap("json");
  if (lazy) return lazy;
  const value = bodyValue(parseJson(bytes.toString("utf8")));
  if (value.length > maxRecords) throw new UsageBodyTooManyRecordsError(maxRecords, value.length);
  return arrayRecordList(value);
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
  if (error instanceof UsageBodyTooManyRecordsError) return usageError(413, "TooManyRecords", error.message);
  console.error("Unexpected usage API error", error);
  return usageError(500, "InternalError", "Something went wrong on our side; the batch was not stored. Retry it.");
}
