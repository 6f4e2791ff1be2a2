// The HTTP server `npm start` (and `npm run dev`) runs: Next's request handler behind a plain Node
// server, so that every request carries the TCP peer's address in a header no client can set
// (PEER_ADDRESS_HEADER, overwritten here). Sign-in throttling keys on it; Next's own
// X-Forwarded-For keeps a client-supplied value, so it can't serve (see lib/auth/resolve-client-ip).
// Environment: PORT, HOST; --dev for development mode.
import http from "node:http";
import next from "next";
import { PEER_ADDRESS_HEADER } from "../lib/security/peer-address-header";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? "3000");
const hostname = process.env.HOST ?? "127.0.0.1";

async function main(): Promise<void> {
  const app = next({ dev, hostname, port, dir: new URL("..", import.meta.url).pathname });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((request, response) => {
    request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? "";
    handle(request, response).catch((error: unknown) => {
      console.error("[server] request failed:", error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  if (dev) {
    const upgrade = app.getUpgradeHandler();
    server.on("upgrade", (request, socket, head) => {
      void upgrade(request, socket, head);
    });
  }
  server.listen(port, hostname, () => {
    console.log(`[server] ${dev ? "development" : "production"} server listening on http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      server.close();
      void app.close().finally(() => process.exit(0));
      setTimeout(() => process.exit(0), 5_000).unref();
    });
  }
}

main().catch((error: unknown) => {
  console.error("[server] failed to start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
