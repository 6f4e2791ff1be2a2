// A price list import in a process of its own, for the kill -9 test (tests/price-import-kill.test.ts):
// stages a generated price list into the database named by the environment (DATABASE_URL, or the
// PGlite folder PGLITE_DIR) exactly as importPriceList does, printing its progress ("rows <n>",
// then "staged <versionId>") on stdout, and then waits, as a process would before publishing,
// until it is killed.
import { openDatabase } from "../../lib/database/open-database";
import { stagePriceList } from "../../lib/pricing/stage-price-list";
import { syntheticPriceListCsv } from "../../lib/pricing/synthetic-price-list";

const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, pgliteDir: process.env.PGLITE_DIR });
const rows = Number(process.env.PRICE_ROWS ?? 100_000);
const staged = await stagePriceList(database, {
  source: syntheticPriceListCsv({ rows, rowsPerChunk: 2000 }),
  fileName: "killed.csv",
  effectiveFrom: "2026-05-01",
  importedBy: null,
  worker: false,
  onProgress: ({ phase, rowsRead }) => {
    if (phase === "reading") process.stdout.write(`rows ${rowsRead}\n`);
  },
});
process.stdout.write(`staged ${staged.versionId}\n`);
setInterval(() => {}, 60_000);
