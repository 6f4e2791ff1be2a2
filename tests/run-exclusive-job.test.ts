// runExclusiveJob: one runner per scheduled job. Within one process a job never overlaps itself (both
// databases); across processes sharing a PostgreSQL database the job's advisory lock lets one run
// and the others skip the round (PostgreSQL only: PGlite's folder has a single owning process, so
// there is no second process to exclude). The second "process" here is a second Database handle
// with its own connection pool, which is all the lock sees of a process.
import { afterAll, describe, expect, it } from "vitest";
import { withTestWorld } from "./support/with-test-world";
import { openDatabase, type Database } from "../lib/database/open-database";
import { runExclusiveJob } from "../lib/jobs/run-exclusive-job";

const adminUrl = process.env.TEST_DATABASE_URL;

let database: Database;
withTestWorld((context) => ({ database } = context));

function gate(): { opened: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe("runExclusiveJob", () => {
  it("runs a job and returns its result", async () => {
    expect(await runExclusiveJob(database, "answer", async () => 42)).toEqual({ ran: true, result: 42 });
  });

  it("skips a round of a job that is still running in this process, not other jobs", async () => {
    const slow = gate();
    const first = runExclusiveJob(database, "slow-job", async () => {
      await slow.opened;
      return "first";
    });
    expect(await runExclusiveJob(database, "slow-job", async () => "second")).toEqual({ ran: false });
    expect(await runExclusiveJob(database, "other-job", async () => "other")).toEqual({ ran: true, result: "other" });
    slow.open();
    expect(await first).toEqual({ ran: true, result: "first" });
    expect(await runExclusiveJob(database, "slow-job", async () => "third")).toEqual({ ran: true, result: "third" });
  });

  it("lets the next round run after a job failed", async () => {
    await expect(runExclusiveJob(database, "failing-job", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await runExclusiveJob(database, "failing-job", async () => "again")).toEqual({ ran: true, result: "again" });
  });
});

describe.skipIf(!adminUrl)("runExclusiveJob across processes (PostgreSQL)", () => {
  let otherProcess: Database | undefined;
  afterAll(async () => {
    await otherProcess?.close();
  });

  async function openOtherProcess(): Promise<Database> {
    const url = new URL(adminUrl ?? "");
    url.pathname = database.location.slice(database.location.indexOf("/"));
    otherProcess ??= await openDatabase({ databaseUrl: url.toString() });
    return otherProcess;
  }

  it("lets one process run a job while another skips it, and the other run it once the first is done", async () => {
    const other = await openOtherProcess();
    const held = gate();
    const started = gate();
    const first = runExclusiveJob(database, "period-close", async () => {
      started.open();
      await held.opened;
      return "first";
    });
    await started.opened;
    expect(await runExclusiveJob(other, "period-close", async () => "second")).toEqual({ ran: false });
    expect(await runExclusiveJob(other, "stamp-collection", async () => "another job")).toEqual({ ran: true, result: "another job" });
    held.open();
    expect(await first).toEqual({ ran: true, result: "first" });
    expect(await runExclusiveJob(other, "period-close", async () => "second")).toEqual({ ran: true, result: "second" });
  });

  it("releases the lock when the job fails", async () => {
    const other = await openOtherProcess();
    await expect(runExclusiveJob(database, "failing-job", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await runExclusiveJob(other, "failing-job", async () => "ran")).toEqual({ ran: true, result: "ran" });
  });

  it("runs exactly one of many simultaneous rounds across processes", async () => {
    const other = await openOtherProcess();
    const held = gate();
    let runs = 0;
    const job = async () => {
      runs++;
      await held.opened;
    };
    // The winner holds the lock until every other round has answered, whatever their order.
    let skipped = 0;
    const allSkipped = gate();
    const round = (handle: Database) =>
      runExclusiveJob(handle, "purge", job).then((outcome) => {
        if (!outcome.ran && ++skipped === 2) allSkipped.open();
        return outcome;
      });
    const rounds = Promise.all([round(database), round(other), round(other)]);
    await allSkipped.opened;
    held.open();
    expect((await rounds).filter((outcome) => outcome.ran)).toHaveLength(1);
    expect(runs).toBe(1);
  });
});
