// Billing: the recon file downloaded from the billing page has the reference header and sums to the
// page's total to the cent (the legacy file: its lines FLOORed do, its PretaxCharges round to the cent); a customer's usage page renders its charts and switches period.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import Decimal from "decimal.js";
import { RECON_COLUMNS } from "../lib/recon/recon-line";
import { LEGACY_RECON_COLUMNS } from "../lib/recon/legacy-recon-line";
import { signIn } from "./support/sign-in";

const amount = (text: string) => new Decimal(text.replace(/[^0-9.]/g, ""));

test("the recon file matches the billing page to the cent", async ({ page }) => {
  await signIn(page, "admin@adatum.example");
  await page.goto("/billing");
  const pageTotal = amount((await page.getByTestId("period-total").textContent()) ?? "");
  expect(pageTotal.greaterThan(0)).toBe(true);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-all").click()]);
  expect(download.suggestedFilename()).toMatch(/^recon_[a-z0-9-]+_\d{4}-\d{2}\.csv$/);
  const rows = parse(await readFile((await download.path()) ?? "")) as string[][];
  expect(rows[0]).toEqual([...RECON_COLUMNS]);
  const col = RECON_COLUMNS.indexOf("BillingPreTaxTotal");
  const fileTotal = rows.slice(1).reduce((sum, row) => sum.plus(row[col]), new Decimal(0));
  expect(fileTotal.toFixed(2)).toBe(pageTotal.toFixed(2));
});

test("the legacy usage-based file, picked on the page, rounds each line to the nearest cent from the same lines", async ({ page }) => {
  await signIn(page, "admin@adatum.example");
  await page.goto("/billing");
  const pageTotal = amount((await page.getByTestId("period-total").textContent()) ?? "");
  await page.getByTestId("format-select").selectOption("legacy");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/format=legacy/);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-all").click()]);
  expect(download.suggestedFilename()).toMatch(/^recon_legacy_[a-z0-9-]+_\d{4}-\d{2}\.csv$/);
  const rows = parse(await readFile((await download.path()) ?? "")) as string[][];
  expect(rows[0]).toEqual([...LEGACY_RECON_COLUMNS]);
  const col = (name: (typeof LEGACY_RECON_COLUMNS)[number]) => LEGACY_RECON_COLUMNS.indexOf(name);
  const charge = (row: string[]) => new Decimal(row[col("ListPrice")] || 0).times(row[col("OverageQuantity")]);
  // PretaxCharges: ListPrice × OverageQuantity rounded to the nearest cent, as Microsoft documents it.
  for (const row of rows.slice(1)) expect(row[col("PretaxCharges")]).toBe(charge(row).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
  // The same lines FLOORed, as the daily-rated file and the page do, give the page's total.
  const floored = rows.slice(1).reduce((sum, row) => sum.plus(charge(row).toDecimalPlaces(2, Decimal.ROUND_FLOOR)), new Decimal(0));
  expect(floored.toFixed(2)).toBe(pageTotal.toFixed(2));
});

test("a customer's usage page shows charts and switches its range", async ({ page }) => {
  await signIn(page, "admin@adatum.example");
  await page.goto("/billing");
  await page.getByTestId("customer-totals").getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: /^Usage: / })).toBeVisible();
  await expect(page.getByTestId("usage-chart").first()).toBeVisible();
  await expect(page.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await page.getByRole("button", { name: "Table" }).click();
  await expect(page.getByTestId("cost-table")).toBeVisible();

  const from = page.getByTestId("cost-from");
  const previous = await from.locator("option").nth(1).getAttribute("value");
  await from.selectOption(previous ?? "");
  await expect(page).toHaveURL(new RegExp(`from=${previous}`));
  await expect(page.getByTestId("customer-total")).toBeVisible();
});
