// One "portal process" of the two-process collection test: runs the schedule's collection of due
// stamps (what POST /api/stamps/collect runs) in a loop against DATABASE_URL for RUN_MS, then
// prints every pull it made as one JSON line. Run with
// `node --conditions=react-server --import tsx tests/support/stamp-collection-process.ts`.
import { unsafeCollectDueStamps } from "../../lib/stamps/unsafe-collect-due-stamps";
import { getDatabase } from "../../lib/db";

const runMs = Number(process.env.RUN_MS ?? "10000");
const pulls: {
  registrationId: string;
  status: string;
  leasedAt?: string;
  duplicate?: number;
  accepted?: number;
  rejected?: number;
  records?: number;
  error?: string;
}[] = [];
const deadline = Date.now() + runMs;
while (Date.now() < deadline) {
  for (const { registrationId, outcome } of await unsafeCollectDueStamps()) {
    if (outcome.status === "busy") pulls.push({ registrationId, status: "busy" });
    else if (outcome.status === "failed") pulls.push({ registrationId, status: "failed", leasedAt: outcome.leasedAt.toISOString(), error: outcome.error });
    else {
      const { accepted, duplicate, rejected, records } = outcome.summary;
      pulls.push({ registrationId, status: "collected", leasedAt: outcome.leasedAt.toISOString(), accepted, duplicate, rejected, records });
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
}
console.log(JSON.stringify({ pid: process.pid, pulls }));
await (await getDatabase()).close();
