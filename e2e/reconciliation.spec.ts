// Reconciliation: Northwind's billing admin uploads Microsoft's recon file for last month (here:
// Stackcenter's own recon file of that month, with one quantity raised, one line Microsoft left out
// and one line on a subscription that isn't Northwind's), sees the classes and the money at stake,
// drills into a customer and exports the differences; a reseller can't reach any of it.
import { randomUUID } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { signIn } from "./support/sign-in";

const now = new Date();
const period = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);

test("a billing admin uploads Microsoft's file, sees the money at stake, drills into a customer and exports the differences", async ({ page }, testInfo) => {
  await signIn(page, "billing@northwind.example");
  const recon = await page.request.get(`/api/billing/recon?period=${period}`);
  expect(recon.status()).toBe(200);
  const rows = parse(await recon.text()) as string[][];
  const [header, ...lines] = rows;
  expect(lines.length).toBeGreaterThan(3);
  const col = (name: string) => header.indexOf(name);
  // Microsoft billed twice the quantity of the first line, never billed the second, and billed a
  // subscription that isn't Northwind's (a fresh id: the file is new on every run).
  // A customer's line (on the partner's own subscription, CustomerId is the partner's tenant: PartnerId).
  const first = lines.findIndex((line) => line[col("CustomerId")] !== "" && line[col("CustomerId")] !== line[col("PartnerId")]);
  const other = lines.findIndex((_, index) => index !== first);
  const raised = [...lines[first]];
  raised[col("Quantity")] = String(Number(raised[col("Quantity")]) * 2 + 1);
  raised[col("BillingPreTaxTotal")] = raised[col("PricingPreTaxTotal")] = (Number(raised[col("BillingPreTaxTotal")]) * 2 + 1).toFixed(2);
  const foreign = [...lines[other]];
  foreign[col("SubscriptionId")] = foreign[col("EntitlementId")] = randomUUID();
  const file = testInfo.outputPath(`DailyRatedUsage_${period}.csv`);
  await writeFile(file, stringify([header, raised, ...lines.filter((_, index) => index !== first && index !== other), foreign]));

  await page.getByRole("link", { name: "Reconciliation" }).click();
  await expect(page.getByRole("heading", { name: "Reconciliation" })).toBeVisible();
  await page.getByTestId("period-select").selectOption(period);
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(new RegExp(`period=${period}`));
  await page.getByLabel(/Microsoft's recon file for/).setInputFiles(file);
  await page.getByRole("button", { name: "Import file" }).click();
  await expect(page.getByRole("status")).toContainText(`Imported DailyRatedUsage_${period}.csv`);
  await expect(page.getByTestId("reconciliation-status")).toContainText("Imported");

  const classLines = (name: string) => page.getByTestId(`class-${name}`).locator("td").nth(1);
  await expect(classLines("QUANTITY_DIFFERS")).toHaveText("1");
  await expect(classLines("REPORTED_NOT_BILLED")).toHaveText("1");
  await expect(classLines("FOREIGN_SUBSCRIPTION")).toHaveText("1");
  await expect(page.getByTestId("over-billed")).not.toHaveText("USD 0.00");
  await expect(page.getByTestId("under-billed")).not.toHaveText("USD 0.00");

  // The customer of the raised line: its differences, drilled into from the per-customer totals.
  const customer = raised[col("CustomerName")];
  await page.getByTestId("customer-totals").getByRole("link", { name: customer, exact: true }).click();
  await expect(page).toHaveURL(/customer=/);
  await expect(page.getByTestId("reconciliation-lines")).toContainText("Quantity differs");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-differences").click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^reconciliation_[a-z0-9-]+_${period}_differences\\.csv$`));
  const exported = parse(await readFile((await download.path()) ?? "")) as string[][];
  expect(exported[0].slice(0, 3)).toEqual(["Class", "ClassName", "SubscriptionId"]);
  // The export keeps the drill-down's customer filter.
  expect(exported.slice(1).map((row) => row[0])).toContain("QUANTITY_DIFFERS");
  expect(new Set(exported.slice(1).map((row) => row[3]))).toEqual(new Set([customer]));

  await page.getByRole("button", { name: "Mark reviewed" }).click();
  await page.getByRole("button", { name: "Yes, mark reviewed" }).click();
  await expect(page.getByTestId("reconciliation-status")).toContainText("Reviewed");
});

for (const email of ["admin@contoso.example", "billing@contoso.example"]) {
  test(`${email} (a reseller) never reaches the distributor's reconciliation`, async ({ page }) => {
    await signIn(page, email);
    await expect(page.getByRole("link", { name: "Reconciliation" })).toHaveCount(0);
    await page.goto(`/billing/reconciliation?period=${period}`);
    await expect(page).toHaveURL(/\/forbidden/);
    for (const path of ["", "/lines", "/differences"]) {
      const response = await page.request.get(`/api/reconciliation/${period}${path}`);
      expect(response.status()).toBe(403);
    }
  });
}
