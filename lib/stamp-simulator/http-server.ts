// Serves a fetch-style handler over node:http, or over TLS with the stamp's own certificate (the
// simulator CLI and tests that need a real port).
import { createServer, type IncomingMessage, type Server } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { FetchHandler } from "./api";

async function toRequest(message: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  const method = message.method ?? "GET";
  const body = method === "GET" || method === "HEAD" ? undefined : Buffer.concat(chunks);
  return new Request(new URL(message.url ?? "/", origin), { method, headers, body });
}

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** `tls`: the server's certificate and key (PEM); without it, plain HTTP. */
export async function serveHandler(handler: FetchHandler, port = 0, host = "127.0.0.1", tls?: { cert: string; key: string }): Promise<RunningServer> {
  const scheme = tls ? "https" : "http";
  const listener = (message: IncomingMessage, reply: import("node:http").ServerResponse) => {
    const origin = `${scheme}://${message.headers.host ?? `${host}:${port}`}`;
    toRequest(message, origin)
      .then(handler)
      .then(async (response) => {
        reply.writeHead(response.status, Object.fromEntries(response.headers));
        reply.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch((error: unknown) => {
        reply.writeHead(500, { "content-type": "application/json" });
        reply.end(JSON.stringify({ error: { code: "InternalServerError", message: error instanceof Error ? error.message : String(error) } }));
      });
  };
  const server: Server = tls ? createTlsServer({ cert: tls.cert, key: tls.key }, listener) : createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    url: `${scheme}://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
