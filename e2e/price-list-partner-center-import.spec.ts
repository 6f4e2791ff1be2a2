// An operator uploads Partner Center's Azure plan price sheet as downloaded (the documented
// columns, BOM, quoted cells, "3/1/2018 12:00:00 AM" dates, tier rows) through the import page and
// sees the summary: its format and the rows whose "Azure Stack" region came from their meter. A
// row of an unknown market is refused with its line, column and code.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { signIn } from "./support/sign-in";

// Far ahead, so this version never changes the prices other suites see.
const EFFECTIVE_FROM = "2036-01-01";
const FIXTURE = "tests/fixtures/partner-center-azure-plan-price-sheet.csv";

test("a Partner Center price sheet download imports as is, with its Azure Stack rows derived from the meter", async ({ page }) => {
  await signIn(page, "operator@microsoft.example");
  await page.goto("/price-list/import");
  const form = page.getByRole("form", { name: "Import price list" });
  await form.getByLabel("Price list CSV").setInputFiles({ name: "Azure plan consumption US.csv", mimeType: "text/csv", buffer: await readFile(FIXTURE) });
  await form.getByLabel("Effective from").fill(EFFECTIVE_FROM);
  await form.getByRole("button", { name: "Import" }).click();
  const summary = form.getByRole("status");
  await expect(summary).toContainText("Imported 8 prices for US (USD)", { timeout: 30_000 });
  await expect(summary).toContainText("Read as: Azure plan price sheet.");
  await expect(summary).toContainText('4 rows had no region and got "Azure Stack" from their meter');

  await page.goto(`/price-list?region=Azure+Stack&market=US&date=2036-01-15`);
  const rows = page.getByRole("table", { name: "Prices" }).locator("tbody tr");
  await expect(rows).toHaveCount(3); // the 4th, Base VM, ends 12/31/2032
  await expect(rows.filter({ hasText: "Windows VM, 1 Core Hour" })).toContainText("0.046 USD");

  // An unknown market code is refused per row: line, column and the code.
  const [header, ...records] = parse(await readFile(FIXTURE), { bom: true }) as string[][];
  records[2][header.indexOf("Market")] = "XX";
  await page.goto("/price-list/import");
  await form.getByLabel("Price list CSV").setInputFiles({ name: "bad-market.csv", mimeType: "text/csv", buffer: Buffer.from(stringify([header, ...records])) });
  await form.getByLabel("Effective from").fill("2036-02-01");
  await form.getByRole("button", { name: "Import" }).click();
  const problem = page.getByRole("table", { name: "Problems" }).locator("tbody tr").first();
  await expect(problem).toContainText("4");
  await expect(problem).toContainText("Market");
  await expect(problem).toContainText('Unknown market code "XX"');
});
