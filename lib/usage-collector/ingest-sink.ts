// Where the collector delivers: the portal's ingest API over HTTP (gzip, Bearer ingestion key), or
// any other sink with the same contract (the demo seed delivers in-process). The server is
// idempotent on the record's natural key, so re-sending an unacknowledged batch is safe.
import { gzipSync } from "node:zlib";
import { isTransientStatus, TransientError } from "./retry";
import type { FetchLike, StampLocalSubscription } from "./stamp-client";

export interface IngestResult {
  accepted: number;
  duplicate: number;
  corrected: number;
  rejected: number;
  rejections: { index: number; code: string; reason: string }[];
}

export interface UsageSink {
  unsafeSyncLocalSubscriptions(subscriptions: StampLocalSubscription[]): Promise<void>;
  /** Resolves only once the portal acknowledged the batch; throws TransientError to be retried. */
  push(records: unknown[]): Promise<IngestResult>;
}

/** A refusal retrying can't fix (bad key, malformed request): the collector stops. */
export class IngestRefusedError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "IngestRefusedError";
  }
}

export interface HttpSinkOptions {
  portalUrl: string;
  key: string;
  fetch: FetchLike;
  gzip?: boolean;
}

export function httpUsageSink(options: HttpSinkOptions): UsageSink {
  const base = options.portalUrl.replace(/\/+$/, "");

  async function send(method: "PUT" | "POST", path: string, body: unknown): Promise<Response> {
    const text = JSON.stringify(body);
    const headers: Record<string, string> = { authorization: `Bearer ${options.key}`, "content-type": "application/json", accept: "application/json" };
    let payload: BodyInit = text;
    if (options.gzip !== false) {
      headers["content-encoding"] = "gzip";
      payload = new Uint8Array(gzipSync(text));
    }
    const response = await options.fetch(`${base}${path}`, { method, headers, body: payload });
    if (response.ok) return response;
    const detail = (await response.text()).slice(0, 500);
    if (isTransientStatus(response.status)) throw new TransientError(`${method} ${path}: ${response.status} ${detail}`, response.status);
    if (response.status === 401) throw new IngestRefusedError(401, `${method} ${path}: 401 — the ingestion key was refused`);
    throw new IngestRefusedError(response.status, `${method} ${path}: ${response.status} ${detail}`);
  }

  return {
    async unsafeSyncLocalSubscriptions(subscriptions) {
      await (await send("PUT", "/api/usage/local-subscriptions", { value: subscriptions })).arrayBuffer();
    },
    async push(records) {
      return (await (await send("POST", "/api/usage/ingest", { value: records })).json()) as IngestResult;
    },
  };
}
