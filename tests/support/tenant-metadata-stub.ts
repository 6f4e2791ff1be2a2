// A local stand-in for the tenant metadata service (TENANT_METADATA_URL): an HTTP server on
// 127.0.0.1 that fails on purpose, counting the calls it gets.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type StubBehaviour = "error500" | "hang";

export interface TenantMetadataStub {
  url: string;
  calls: () => number;
  close: () => Promise<void>;
}

export async function startTenantMetadataStub(behaviour: StubBehaviour): Promise<TenantMetadataStub> {
  let calls = 0;
  const hanging: ServerResponse[] = [];
  const server = createServer((_request, response) => {
    calls += 1;
    if (behaviour === "hang") {
      hanging.push(response); // never answered: the client's timeout has to fire
      return;
    }
    response.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: "boom" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tenants`,
    calls: () => calls,
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
