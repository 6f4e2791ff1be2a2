// A load balancer for the two-instance spec: every request goes to the next upstream in turn,
// whatever connection it came on (so one browser session alternates between the instances on
// every page, asset, action and API call). No stickiness, no retries: a failing upstream fails
// the request. Counts the requests each upstream served.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RoundRobinProxy {
  url: string;
  /** Requests answered so far, per upstream port. */
  served: Map<number, number>;
  close(): Promise<void>;
}

export async function startRoundRobinProxy(): Promise<RoundRobinProxy & { setUpstreams(ports: number[]): void }> {
  let upstreams: number[] = [];
  let next = 0;
  const served = new Map<number, number>();
  const server = http.createServer((request, response) => {
    if (upstreams.length === 0) {
      response.writeHead(503).end("no upstream yet");
      return;
    }
    const port = upstreams[next++ % upstreams.length];
    const forward = http.request({ host: "127.0.0.1", port, method: request.method, path: request.url, headers: request.headers }, (upstream) => {
      served.set(port, (served.get(port) ?? 0) + 1);
      response.writeHead(upstream.statusCode ?? 502, upstream.statusMessage, upstream.rawHeaders);
      upstream.pipe(response);
    });
    forward.on("error", (error) => {
      if (!response.headersSent) response.writeHead(502);
      response.end(`upstream ${port} failed: ${error.message}`);
    });
    request.pipe(forward);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    setUpstreams(ports) {
      upstreams = ports;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
