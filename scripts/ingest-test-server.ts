// The portal's real usage routes (POST /api/usage/ingest, PUT /api/usage/local-subscriptions) on
// node:http without Next, for the fault test (tests/usage-fault.test.ts), which SIGKILLs this
// process mid-batch and restarts it. Database from the environment (PGLITE_DIR or DATABASE_URL).
// Run with `node --conditions=react-server --import tsx scripts/ingest-test-server.ts --port N`:
// the react-server condition makes lib/'s "server-only" marker an empty module, as in Next.
import { parseArgs } from "node:util";
import * as ingestRoute from "../app/api/usage/ingest/route";
import * as localSubscriptionsRoute from "../app/api/usage/local-subscriptions/route";
import { getDatabase } from "../lib/db";
import { serveHandler } from "../lib/stamp-simulator/http-server";

async function main() {
  const { values } = parseArgs({ options: { port: { type: "string", default: "0" } } });
  await getDatabase(); // open (and recover) the database before accepting requests
  const running = await serveHandler(async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === "/api/usage/ingest" && request.method === "POST") return ingestRoute.POST(request);
    if (pathname === "/api/usage/local-subscriptions" && request.method === "PUT") return localSubscriptionsRoute.PUT(request);
    return Response.json({ error: { code: "NotFound", message: pathname } }, { status: 404 });
  }, Number(values.port));
  console.log(`listening ${running.url}`);
  process.on("SIGTERM", () => {
    void running
      .close()
      .then(async () => (await getDatabase()).close())
      .then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
