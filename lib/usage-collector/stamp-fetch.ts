// How the collector reaches a stamp's admin Resource Manager: over TLS trusting that stamp's own CA
// (a stamp connection's PEM, for this stamp only; the process's trust store otherwise), and, with a
// credential, signed in. No "server-only": the collector CLI runs it.
import { request as httpsRequest } from "node:https";
import type { FetchLike } from "./stamp-client";

/** fetch for one stamp: https with the stamp's CA when given (Node's fetch takes no per-call CA). */
export function stampTransport(caPem?: string): FetchLike {
  if (!caPem) return (url, init) => fetch(url, init);
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const target = new URL(url);
      if (target.protocol !== "https:") {
        resolve(fetch(url, init));
        return;
      }
      const headers = Object.fromEntries(new Headers(init?.headers).entries());
      const outgoing = httpsRequest(target, { method: init?.method ?? "GET", headers, ca: caPem }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
        incoming.on("end", () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) {
            for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(name, one);
          }
          const status = incoming.statusCode ?? 502;
          resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers: responseHeaders }));
        });
        incoming.on("error", reject);
      });
      outgoing.on("error", reject);
      if (typeof init?.body === "string") outgoing.write(init.body);
      outgoing.end();
    });
}

export interface AccessTokenSource {
  /** A token for the stamp's ARM audience; `fresh` skips any cached one. */
  token(fresh: boolean): Promise<string>;
}

export class StampAuthenticationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StampAuthenticationError";
  }
}

/**
 * fetch with `Authorization: Bearer` from the token source. A 401 from the stamp gets one more try
 * with a fresh token (an expired or revoked one); a second 401 is a StampAuthenticationError
 * naming ARM's code.
 */
export function authenticatedFetch(transport: FetchLike, tokens: AccessTokenSource): FetchLike {
  return async (url, init) => {
    for (const fresh of [false, true]) {
      const headers = new Headers(init?.headers);
      headers.set("authorization", `Bearer ${await tokens.token(fresh)}`);
      const response = await transport(url, { ...init, headers });
      if (response.status !== 401) return response;
      if (fresh) {
        const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
        throw new StampAuthenticationError(
          `The stamp refused the token (401 ${body?.error?.code ?? "Unauthorized"}): ${body?.error?.message ?? "sign-in failed"}`,
        );
      }
    }
    throw new StampAuthenticationError("unreachable");
  };
}
