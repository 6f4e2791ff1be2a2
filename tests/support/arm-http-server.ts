// The ARM-shaped API on a real HTTP socket (127.0.0.1, a free port), for clients that speak HTTP
// themselves, such as Microsoft's @azure/arm-azurestack: each request becomes a Fetch Request
// handed to the exported method handler of app/api/arm/[...path]/route.ts, as Next does, and the
// Response is written back. Every answer is recorded (method, path, status) so a test can hold it
// against the OpenAPI document.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import * as armRoute from "../../app/api/arm/[...path]/route";

export interface ArmExchange {
  method: string;
  path: string;
  status: number;
}

export interface ArmHttpServer {
  /** http://127.0.0.1:port/api/arm: an SDK's baseUri. */
  baseUri: string;
  exchanges: ArmExchange[];
  close: () => Promise<void>;
}

const HANDLERS: Record<string, (request: Request) => Promise<Response>> = {
  GET: armRoute.GET,
  PUT: armRoute.PUT,
  PATCH: armRoute.PATCH,
  DELETE: armRoute.DELETE,
  POST: armRoute.POST,
  HEAD: armRoute.HEAD,
  OPTIONS: armRoute.OPTIONS,
};

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startArmHttpServer(): Promise<ArmHttpServer> {
  const exchanges: ArmExchange[] = [];
  let origin = "";
  const server = createServer((incoming, outgoing) => {
    void (async () => {
      const method = incoming.method ?? "GET";
      const body = await readBody(incoming);
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
      }
      const request = new Request(`${origin}${incoming.url ?? "/"}`, {
        method,
        headers,
        body: method === "GET" || method === "HEAD" || body.length === 0 ? undefined : new Uint8Array(body),
      });
      const handler = HANDLERS[method];
      const response = handler ? await handler(request) : new Response(null, { status: 405 });
      exchanges.push({ method, path: new URL(request.url).pathname, status: response.status });
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    })().catch((error: unknown) => {
      outgoing.writeHead(599).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUri: `${origin}/api/arm`,
    exchanges,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
