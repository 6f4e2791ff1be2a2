// A month-end close in a process of its own, for the kill -9 test (tests/period-close-kill.test.ts):
// closes CLOSE_PERIOD of CLOSE_PARTNER in the database named by the environment (DATABASE_URL, or
// the PGlite folder PGLITE_DIR), prints "step <name>" after each step of its transaction, and stops
// dead (the thread blocked) after KILL_AFTER_STEP, until it is killed. Run with
// `--conditions=react-server` (the close's modules are "server-only").
import { openDatabase } from "../../lib/database/open-database";
import { unsafeClosePeriod, type CloseStep } from "../../lib/periods/unsafe-close-period";

const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, pgliteDir: process.env.PGLITE_DIR });
const stopAfter = process.env.KILL_AFTER_STEP as CloseStep;
await unsafeClosePeriod(database, process.env.CLOSE_PARTNER ?? "", process.env.CLOSE_PERIOD ?? "", null, {
  now: new Date("2026-11-06T09:00:00Z"),
  afterStep: (step) => {
    // Pipes are written synchronously on Linux: the line is out before the thread blocks.
    process.stdout.write(`step ${step}\n`);
    if (step === stopAfter) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000);
  },
});
process.stdout.write("closed\n");
await database.close();
