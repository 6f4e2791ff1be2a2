// Microsoft's recon file against the stamps' rated lines: the hand-made fixtures (README beside
// them) give every class at least once, with hand-computed totals, checked again with decimal.js.
// Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import type { Database } from "../lib/database/open-database";
import { importReconciliationFile } from "../lib/reconciliation/import-reconciliation-file";
import { getReconciliationPeriod } from "../lib/reconciliation/get-reconciliation-period";
import { listReconciliationLines } from "../lib/reconciliation/list-reconciliation-lines";
import { exportReconciliationDifferences } from "../lib/reconciliation/export-reconciliation-differences";
import { reviewReconciliation } from "../lib/reconciliation/review-reconciliation";
import { setReconciliationTolerance } from "../lib/reconciliation/set-reconciliation-tolerance";
import { discardReconciliationImport } from "../lib/reconciliation/discard-reconciliation-import";
import { withTestDatabase } from "./support/with-test-world";
import { FIXTURE_IDS, makeReconciliationWorld, type ReconciliationWorld } from "./support/reconciliation-fixtures";

const FIXTURES = "tests/fixtures/reconciliation";
let database: Database;
let world: ReconciliationWorld;
withTestDatabase(async (db) => {
  database = db;
  world = await makeReconciliationWorld(db.prisma, db.sql);
});

const fileSource = (name: string) => createReadStream(`${FIXTURES}/${name}`);
async function* bytes(data: Uint8Array) {
  yield data.subarray(0, 100);
  yield data.subarray(100);
}

/** What each class must hold with a 5 % tolerance (README): keys, billed, rated, stake. */
const EXPECTED = {
  MATCHED: { keys: 3, billed: ["0.19", "0.08", "6.12"], rated: ["0.19", "0.08", "6.00"], stake: ["0", "0", "0.12"] },
  QUANTITY_DIFFERS: { keys: 1, billed: ["0.48", "0.40"], rated: ["0.80"], stake: ["0.08"] },
  PRICE_DIFFERS: { keys: 1, billed: ["1.20"], rated: ["1.10"], stake: ["0.10"] },
  BILLED_NOT_REPORTED: { keys: 1, billed: ["0.38"], rated: [], stake: ["0.38"] },
  REPORTED_NOT_BILLED: { keys: 1, billed: [], rated: ["1.50"], stake: ["-1.50"] },
  UNREGISTERED_TENANT: { keys: 1, billed: ["0.09"], rated: ["0.09"], stake: ["0.09"] },
  FOREIGN_SUBSCRIPTION: { keys: 1, billed: ["0.04"], rated: [], stake: ["0.04"] },
} as const;
const sum = (values: readonly string[]) => values.reduce((total, value) => total.plus(value), new Decimal(0));

describe("importing Microsoft's daily-rated recon file", () => {
  it("classifies every line, with the money at stake per class, customer and stamp", async () => {
    const scope = await world.scope("distributorBilling");
    const result = await importReconciliationFile(scope, {
      period: "2026-10",
      fileName: "daily-rated-2026-10.csv",
      source: fileSource("daily-rated-2026-10.csv"),
      tolerancePercent: "5",
    });
    expect(result).toMatchObject({
      alreadyImported: false,
      format: "DAILY_RATED",
      linesRead: 10,
      azureStackLines: 9,
      setAsideLines: 1,
      keys: 9,
      replacedImportId: null,
    });

    const view = await getReconciliationPeriod(scope, "2026-10");
    expect(view.status).toBe("IMPORTED");
    expect(view.current?.currency).toBe("USD");
    for (const row of view.classes) {
      const expected = EXPECTED[row.class];
      expect({ class: row.class, keys: row.keys, billed: row.billedTotal, rated: row.ratedTotal, net: row.net }).toEqual({
        class: row.class,
        keys: expected.keys,
        billed: sum(expected.billed).toFixed(2),
        rated: sum(expected.rated).toFixed(2),
        net: sum(expected.stake).toFixed(2),
      });
    }
    const stakes = Object.values(EXPECTED).flatMap((c) => c.stake);
    const over = sum(stakes.filter((s) => !s.startsWith("-")));
    const under = sum(stakes.filter((s) => s.startsWith("-"))).negated();
    expect(over.toFixed(2)).toBe("0.81");
    expect(under.toFixed(2)).toBe("1.50");
    expect(view.totals).toMatchObject({
      keys: 9,
      billedTotal: "8.98",
      ratedTotal: "9.76",
      overBilled: over.toFixed(2),
      underBilled: under.toFixed(2),
      net: "-0.69",
    });

    const bellows = view.customers.find((c) => c.customerId === world.customerIds.bellows);
    // disk1 (+0.12, matched within tolerance), vm3 (+0.08), vm9 (+0.38)
    expect(bellows).toMatchObject({ customerName: "Bellows College", differences: 2, keys: 3, overBilled: "0.58", underBilled: "0.00", net: "0.58" });
    expect(bellows?.resellerName).not.toBeNull();
    const stamp = view.stamps.find((s) => s.stampName === "stamp-east");
    expect(stamp).toMatchObject({ keys: 7, differences: 4 });
    expect(view.stamps.find((s) => s.registrationId === null)).toMatchObject({ keys: 2, differences: 2, net: "0.42" });
  });

  it("names the unregistered tenant, and matches a re-dated line by its original day", async () => {
    const scope = await world.scope("distributorBilling");
    const unregistered = await listReconciliationLines(scope, "2026-10", { class: "UNREGISTERED_TENANT" });
    expect(unregistered.rows).toMatchObject([{ subscriptionId: FIXTURE_IDS.S0, tenantId: FIXTURE_IDS.TU, customerId: null, stampName: "stamp-east" }]);
    const matched = await listReconciliationLines(scope, "2026-10", { class: "MATCHED", customerId: world.customerIds.alpine });
    expect(matched.rows.map((row) => [row.resourceUri.split("/").pop(), row.usageDate])).toEqual(
      expect.arrayContaining([
        ["vm1", "2026-10-03"],
        ["vm2", "2026-10-04"],
      ]),
    );
    const foreign = await listReconciliationLines(scope, "2026-10", { class: "FOREIGN_SUBSCRIPTION" });
    expect(foreign.rows).toMatchObject([{ subscriptionId: FIXTURE_IDS.SX, customerId: null, tenantId: FIXTURE_IDS.TX, moneyAtStake: "0.04" }]);
  });

  it("exports the differences as CSV", async () => {
    const scope = await world.scope("distributorBilling");
    const { body, fileName } = await exportReconciliationDifferences(scope, "2026-10", {});
    expect(fileName).toMatch(/_2026-10_differences\.csv$/);
    const text = await new Response(body).text();
    const lines = text.trim().split("\n");
    expect(lines[0]).toMatch(/^Class,ClassName,SubscriptionId,Customer,Stamp,MeterId/);
    expect(lines).toHaveLength(1 + 6); // every class but the three matched keys
    expect(text).not.toMatch(/^MATCHED,/m);
    expect(text).toMatch(/^REPORTED_NOT_BILLED,.*,-1\.50,USD\r?$/m);
  });

  it("re-importing the same file (compressed or not the same bytes count) is idempotent", async () => {
    const scope = await world.scope("distributorBilling");
    const before = await getReconciliationPeriod(scope, "2026-10");
    const again = await importReconciliationFile(scope, {
      period: "2026-10",
      fileName: "again.csv",
      source: fileSource("daily-rated-2026-10.csv"),
      tolerancePercent: "5",
    });
    expect(again).toMatchObject({ alreadyImported: true, importId: before.current?.id, keys: 9 });
    const after = await getReconciliationPeriod(scope, "2026-10");
    expect(after.imports).toHaveLength(1);
    expect(await database.prisma.auditEvent.count({ where: { action: "reconciliation.import" } })).toBe(1);
    expect(await database.prisma.reconciliationBilledLine.count()).toBe(9);
  });

  it("a reviewed period records who and when; a newer file replaces it, both kept and audited", async () => {
    const scope = await world.scope("distributorBilling");
    const reviewed = await reviewReconciliation(scope, { period: "2026-10" });
    let view = await getReconciliationPeriod(scope, "2026-10");
    expect(view.status).toBe("REVIEWED");
    expect(view.current).toMatchObject({ reviewedBy: expect.any(String), reviewedAt: reviewed.reviewedAt });

    const newer = await importReconciliationFile(scope, {
      period: "2026-10",
      fileName: "rebill.csv",
      source: fileSource("daily-rated-2026-10-rebill.csv"),
      tolerancePercent: "5",
    });
    expect(newer).toMatchObject({ alreadyImported: false, replacedImportId: reviewed.importId, azureStackLines: 10 });
    view = await getReconciliationPeriod(scope, "2026-10");
    expect(view.status).toBe("IMPORTED");
    expect(view.imports.map((i) => [i.fileName, i.current, i.supersededAt !== null])).toEqual([
      ["rebill.csv", true, false],
      ["daily-rated-2026-10.csv", false, true],
    ]);
    expect(view.classes.find((c) => c.class === "REPORTED_NOT_BILLED")?.keys).toBe(0);
    expect(view.classes.find((c) => c.class === "MATCHED")).toMatchObject({ keys: 4, net: "0.12" });
    const events = await database.prisma.auditEvent.findMany({
      where: { action: { startsWith: "reconciliation." } },
      select: { action: true },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual(["reconciliation.import", "reconciliation.review", "reconciliation.import"]);
  });

  it("the tolerance decides between matched and quantity differs", async () => {
    const scope = await world.scope("distributorBilling");
    await setReconciliationTolerance(scope, { period: "2026-10", tolerancePercent: "0" });
    let view = await getReconciliationPeriod(scope, "2026-10");
    expect(view.classes.find((c) => c.class === "QUANTITY_DIFFERS")?.keys).toBe(2); // disk1's 2 % now counts
    await setReconciliationTolerance(scope, { period: "2026-10", tolerancePercent: "10" });
    view = await getReconciliationPeriod(scope, "2026-10");
    expect(view.classes.find((c) => c.class === "QUANTITY_DIFFERS")?.keys).toBe(0); // vm3's 10 % is within
    expect(await database.prisma.auditEvent.count({ where: { action: "reconciliation.tolerance" } })).toBe(2);
  });
});

describe("the matching in parts (PostgreSQL)", () => {
  it("classifies every key as one statement does, days of both parts alike", async () => {
    if (database.mode !== "postgres") return;
    const { unsafeMatchReconciliationImport } = await import("../lib/reconciliation/unsafe-match-reconciliation-import");
    const scope = await world.scope("distributorBilling");
    const view = await getReconciliationPeriod(scope, "2026-10");
    const importId = view.current?.id;
    if (!importId) throw new Error("no current import");
    const lines = async () =>
      (
        await database.sql.query<{ line: string }>(`SELECT (to_jsonb(l) - 'id')::text AS "line" FROM "ReconciliationLine" l WHERE "importId" = $1 ORDER BY 1`, [
          importId,
        ])
      ).rows.map((row) => row.line);
    const inParts = await lines();
    expect(new Set(inParts.map((line) => (JSON.parse(line) as { usageDate: string }).usageDate.slice(8, 10))).size).toBeGreaterThan(3);
    await database.sql.transaction((tx) => unsafeMatchReconciliationImport(tx, importId));
    expect(await lines()).toEqual(inParts);
    await database.sql.transaction((tx) => unsafeMatchReconciliationImport(tx, importId, { pool: database.sql }));
    expect(await lines()).toEqual(inParts);
  });
});

describe("the file's name", () => {
  it("keeps at most 255 characters, cut between code points (never half a surrogate pair)", async () => {
    const scope = await world.scope("distributorBilling");
    const header = (await readFile(`${FIXTURES}/daily-rated-2026-10.csv`, "utf8")).split("\r\n")[0];
    const result = await importReconciliationFile(scope, {
      period: "2026-08",
      fileName: "𝕏".repeat(300),
      source: bytes(new TextEncoder().encode(`${header}\r\n`)),
    });
    const stored = await database.prisma.reconciliationImport.findUniqueOrThrow({ where: { id: result.importId }, select: { fileName: true } });
    expect(stored.fileName).toBe("𝕏".repeat(255));
  });
});

describe("formats and compression", () => {
  it("reads the same file gzipped and zipped", async () => {
    const scope = await world.scope("distributorBilling");
    const csv = await readFile(`${FIXTURES}/daily-rated-2026-10.csv`);
    const gz = await importReconciliationFile(scope, { period: "2026-09", fileName: "recon.csv.gz", source: bytes(gzipSync(csv)), tolerancePercent: "5" });
    expect(gz).toMatchObject({ azureStackLines: 9, setAsideLines: 1 });
    const zip = await importReconciliationFile(scope, {
      period: "2026-08",
      fileName: "recon.zip",
      source: fileSource("daily-rated-2026-10.zip"),
      tolerancePercent: "5",
    });
    expect(zip).toMatchObject({ azureStackLines: 9, setAsideLines: 1 });
    // Other periods: the stamps' October lines don't take part, so nothing is "matched".
    const view = await getReconciliationPeriod(scope, "2026-08");
    expect(view.classes.find((c) => c.class === "MATCHED")?.keys).toBe(0);
    expect(view.classes.find((c) => c.class === "BILLED_NOT_REPORTED")?.keys).toBe(7);
  });

  it("a day PostgreSQL's date input refuses but the recon reader takes (ISO day, then text) still imports", async () => {
    const scope = await world.scope("distributorBilling");
    const csv = (await readFile(`${FIXTURES}/daily-rated-2026-10.csv`, "utf8")).replace(",2026-10-03,1 Core Hour,", ",2026-10-03 (UTC),1 Core Hour,");
    expect(csv).toContain("2026-10-03 (UTC)");
    const result = await importReconciliationFile(scope, { period: "2026-06", fileName: "text-after-day.csv", source: bytes(Buffer.from(csv)) });
    expect(result).toMatchObject({ alreadyImported: false, azureStackLines: 9, setAsideLines: 1 });
  });

  it("a resource URI and a customer beyond ASCII are lowered as PostgreSQL lowers them (as the rated side is)", async () => {
    const scope = await world.scope("distributorBilling");
    const csv = (await readFile(`${FIXTURES}/daily-rated-2026-10.csv`, "utf8"))
      .replace("/virtualMachines/vm1,", "/virtualMachines/VM-ÉTÉ,")
      .replace(",1e1e1e1e-1111-4111-8111-111111111111,", ",1E1E1E1E-1111-4111-8111-11111111111Ä,");
    const result = await importReconciliationFile(scope, { period: "2026-05", fileName: "accents.csv", source: bytes(Buffer.from(csv)) });
    const { rows } = await database.sql.query<{ resourceUri: string; customerTenantId: string }>(
      `SELECT "resourceUri", "customerTenantId" FROM "ReconciliationBilledLine" WHERE "importId" = $1 AND ("resourceUri" LIKE '%vm-%' OR "customerTenantId" LIKE '%ä')`,
      [result.importId],
    );
    const lowered = await database.sql.query<{ uri: string; customer: string }>(`SELECT lower($1) AS "uri", lower($2) AS "customer"`, [
      "/subscriptions/l-0001/resourceGroups/web/providers/Microsoft.Compute/virtualMachines/VM-ÉTÉ",
      "1E1E1E1E-1111-4111-8111-11111111111Ä",
    ]);
    expect(rows.map((row) => row.resourceUri)).toContain(lowered.rows[0].uri);
    expect(rows.map((row) => row.customerTenantId)).toContain(lowered.rows[0].customer);
  });

  it("matches the legacy usage-based file per subscription × meter × day", async () => {
    const scope = await world.scope("distributorBilling");
    const { rows } = await database.sql.query<{ id: string }>(`SELECT "id" FROM "ReconciliationImport" WHERE "period" = '2026-10'`);
    for (const row of rows) await discardReconciliationImport(database.sql, row.id);
    const result = await importReconciliationFile(scope, { period: "2026-10", fileName: "legacy.csv", source: fileSource("legacy-2026-10.csv") });
    expect(result).toMatchObject({ format: "LEGACY", azureStackLines: 3, setAsideLines: 1 });
    const view = await getReconciliationPeriod(scope, "2026-10");
    const byClass = Object.fromEntries(view.classes.filter((c) => c.keys > 0).map((c) => [c.class, [c.keys, c.net]]));
    expect(byClass).toEqual({
      MATCHED: [1, "0.00"],
      QUANTITY_DIFFERS: [1, "0.08"],
      BILLED_NOT_REPORTED: [1, "0.38"],
      REPORTED_NOT_BILLED: [5, sum(["0.08", "6.00", "1.10", "1.50", "0.09"]).negated().toFixed(2)],
    });
  });

  it("refuses a broken file with its line and column, and keeps nothing of it", async () => {
    const scope = await world.scope("distributorBilling");
    const csv = (await readFile(`${FIXTURES}/daily-rated-2026-10.csv`, "utf8")).replace(",24,1 Core Hour,0.19,", ",24x,1 Core Hour,0.19,");
    const imports = await database.prisma.reconciliationImport.count();
    await expect(importReconciliationFile(scope, { period: "2026-07", fileName: "bad.csv", source: bytes(Buffer.from(csv)) })).rejects.toMatchObject({
      code: "ValidationFailed",
      message: "Line 2, column Quantity: “24x” is not a number.",
    });
    await expect(importReconciliationFile(scope, { period: "2026-07", fileName: "bad.csv", source: bytes(Buffer.from("a,b\n1,2\n")) })).rejects.toMatchObject({
      code: "ValidationFailed",
      message: expect.stringContaining("not a Partner Center recon file"),
    });
    const headerLine = (await readFile(`${FIXTURES}/daily-rated-2026-10.csv`, "utf8")).split("\r\n")[0];
    const wide = `${headerLine},${Array.from({ length: 1000 }, (_, i) => `Extra${i}`).join(",")}\r\n`;
    await expect(importReconciliationFile(scope, { period: "2026-07", fileName: "wide.csv", source: bytes(Buffer.from(wide)) })).rejects.toMatchObject({
      code: "ValidationFailed",
      message: "The header has 1052 columns; a recon file has at most 1000.",
    });
    await expect(
      importReconciliationFile(scope, { period: "2026-07", fileName: "bad.gz", source: bytes(Buffer.from([0x1f, 0x8b, 1, 2, 3, 4, 5])) }),
    ).rejects.toMatchObject({
      code: "ValidationFailed",
    });
    // Far into the file (after the first COPY chunk has gone to the database): still nothing kept.
    const [header, good] = (await readFile(`${FIXTURES}/daily-rated-2026-10.csv`, "utf8")).split("\r\n");
    const long = [header, ...Array.from({ length: 4500 }, () => good), good.replace(",24,1 Core Hour,", ",oops,1 Core Hour,"), ""].join("\r\n");
    await expect(importReconciliationFile(scope, { period: "2026-07", fileName: "late.csv", source: bytes(Buffer.from(long)) })).rejects.toMatchObject({
      message: "Line 4502, column Quantity: “oops” is not a number.",
    });
    // Lines of the file, whatever sits before: a set-aside line, a blank line, a field over two lines.
    const lines = (await readFile(`${FIXTURES}/daily-rated-2026-10.csv`, "utf8")).split("\r\n").slice(0, 11);
    const twoLines = good.replace(',USD,,,,"{', ',USD,,,"tag\r\nsecond line","{');
    expect(twoLines).not.toBe(good);
    const shifted = [...lines, "", twoLines, good.replace(",24,1 Core Hour,", ",oops,1 Core Hour,"), ""].join("\r\n");
    await expect(importReconciliationFile(scope, { period: "2026-07", fileName: "shifted.csv", source: bytes(Buffer.from(shifted)) })).rejects.toMatchObject({
      message: "Line 15, column Quantity: “oops” is not a number.",
    });
    // A line with more fields than the header is refused at its line too.
    const extra = [...lines, "", twoLines, `${good},extra`, ""].join("\r\n");
    await expect(importReconciliationFile(scope, { period: "2026-07", fileName: "extra.csv", source: bytes(Buffer.from(extra)) })).rejects.toMatchObject({
      code: "ValidationFailed",
      message: "Line 15: the line has 53 fields; the header has 52.",
    });
    const latin1 = Buffer.concat([
      Buffer.from([...lines.slice(0, 3), ""].join("\r\n")),
      Buffer.from(good.replace("Northwind", "Nörthwind"), "latin1"),
      Buffer.from("\r\n"),
    ]);
    await expect(importReconciliationFile(scope, { period: "2026-07", fileName: "latin1.csv", source: bytes(latin1) })).rejects.toMatchObject({
      code: "ValidationFailed",
      message: expect.stringMatching(/^Line 4: invalid byte sequence for encoding/),
    });
    await expect(
      importReconciliationFile(scope, {
        period: "2026-07",
        fileName: "open.csv",
        source: bytes(Buffer.from(`${lines.slice(0, 3).join("\r\n")}\r\n"unterminated`)),
      }),
    ).rejects.toMatchObject({ code: "ValidationFailed", message: "Line 4: a quoted field is never closed." });
    // Past the first chunks read and COPYed, with a blank line before.
    const far = [header, ...Array.from({ length: 3000 }, () => good), "", ...Array.from({ length: 3000 }, () => good), `${good},extra`, ""].join("\r\n");
    await expect(importReconciliationFile(scope, { period: "2026-07", fileName: "far.csv", source: bytes(Buffer.from(far)) })).rejects.toMatchObject({
      message: "Line 6003: the line has 53 fields; the header has 52.",
    });
    const nan = (await readFile(`${FIXTURES}/daily-rated-2026-10.csv`, "utf8")).replace(",24,1 Core Hour,0.19,", ",NaN,1 Core Hour,0.19,");
    await expect(importReconciliationFile(scope, { period: "2026-07", fileName: "nan.csv", source: bytes(Buffer.from(nan)) })).rejects.toMatchObject({
      message: "Line 2, column Quantity: “NaN” is not a number.",
    });
    // numeric(28, 10) rounds to 10 decimals before it checks the precision: refused here, not by COPY.
    const rounded = (await readFile(`${FIXTURES}/daily-rated-2026-10.csv`, "utf8")).replace(
      ",24,1 Core Hour,0.19,",
      ",999999999999999999.99999999995,1 Core Hour,0.19,",
    );
    await expect(importReconciliationFile(scope, { period: "2026-07", fileName: "rounded.csv", source: bytes(Buffer.from(rounded)) })).rejects.toMatchObject({
      code: "ValidationFailed",
      message: "Line 2, column Quantity: “999999999999999999.99999999995” is too large.",
    });
    expect(await database.prisma.reconciliationImport.count()).toBe(imports);
    expect(
      await database.prisma.reconciliationBilledLine.count({
        where: { importId: { notIn: (await database.prisma.reconciliationImport.findMany({ select: { id: true } })).map((i) => i.id) } },
      }),
    ).toBe(0);
  });
});
