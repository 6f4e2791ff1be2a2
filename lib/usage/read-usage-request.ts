import "server-only";
import { DomainError } from "../errors";
import type { PhaseTimer } from "./phase-timer";
import { arrivedWhole, completeBytes, inflatingBytes, UsageBodyEncodingError, UsageBodyTooLargeError, type ArrivingBytes } from "./ingest/wire/arriving-bytes";
import {
  arrayRecordList,
  openArrivingUsageBody,
  UsageBodySyntaxError,
  UsageBodyTooManyRecordsError,
  type UsageRecordList,
} from "./ingest/wire/usage-record-list";
import { authenticateIngestionKey, type IngestionKeyIdentity } from "./ingestion-keys/authenticate-ingestion-key";
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGE } from "../http/unstorable-text";

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

/**
 * The body's bytes, gunzipped/inflated per Content-Encoding as the reader goes (ingest/wire/arriving-bytes.ts):
 * decompression errors and the size limit surface when the bytes are read, as
 * UsageBodyEncodingError (400) / UsageBodyTooLargeError (413), answered by usageErrorFromException.
 * Throws DomainError (413/415).
 */
async function readArrivingBytes(request: Request, timer?: PhaseTimer): Promise<ArrivingBytes> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_USAGE_BODY_BYTES) throw new DomainError("PayloadTooLarge", "The request body is too large.", { status: 413 });
  const encoding = (request.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  const compressed = encoding === "gzip" || encoding === "x-gzip" ? "gzip" : encoding === "deflate" ? "deflate" : null;
  if (!compressed && encoding !== "identity" && encoding !== "") {
    throw new DomainError("UnsupportedEncoding", `Content-Encoding ${encoding} is not supported; use gzip.`, { status: 415 });
  }
  const raw = Buffer.from(await request.arrayBuffer());
  if (raw.length > MAX_USAGE_BODY_BYTES) throw new DomainError("PayloadTooLarge", "The request body is too large.", { status: 413 });
  timer?.lap("read");
  return compressed ? inflatingBytes(raw, compressed, MAX_USAGE_BODY_BYTES) : completeBytes(raw);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError("InvalidRequestContent", "The body is not valid JSON.", { status: 400 });
  }
}

/** The JSON body, gunzipped/inflated per Content-Encoding. Throws what usageErrorFromException answers (400/413/415). */
export async function readUsageJson(request: Request, timer?: PhaseTimer): Promise<unknown> {
  const parsed = parseJson((await arrivedWhole(await readArrivingBytes(request, timer))).toString("utf8"));
  timer?.lap("json");
  // Whole bodies (local subscriptions) are small: text the database can't store is refused up front.
  const unstorable = findUnstorableText(parsed);
  if (unstorable) throw new DomainError("InvalidRequestContent", `${unstorable} ${UNSTORABLE_TEXT_MESSAGE}`, { status: 400 });
  return parsed;
}

/**
 * The records of a usageAggregates body ({"value":[…]}), read from its bytes slice by slice as the
 * ingest reaches them (ingest/wire/usage-record-list.ts), while the rest is still being decompressed: what turns
 * out not to be JSON further on, not to decompress, or to hold more than `maxRecords` records throws
 * then, inside the ingest's transaction, which stores nothing. A body that doesn't open as
 * {…"value":[ is parsed whole here. Throws what usageErrorFromException answers (400/413/415).
 */
export async function readUsageRecords(request: Request, maxRecords: number, timer?: PhaseTimer): Promise<UsageRecordList> {
  const source = await readArrivingBytes(request, timer);
  const lazy = await openArrivingUsageBody(source, maxRecords);
  if (lazy) {
    timer?.lap("json");
    return lazy;
  }
  const value = bodyValue(parseJson((await arrivedWhole(source)).toString("utf8")));
  timer?.lap("json");
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
  if (error instanceof UsageBodyTooLargeError) return usageError(413, "PayloadTooLarge", error.message);
  if (error instanceof UsageBodyEncodingError) return usageError(400, "InvalidRequestContent", error.message);
  console.error("Unexpected usage API error", error);
  return usageError(500, "InternalError", "Something went wrong on our side; the batch was not stored. Retry it.");
}
