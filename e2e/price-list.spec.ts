// The price list: Region = Azure Stack filter, search, CSV download in Partner Center's columns,
// and an operator importing a new version that applies from its effective date.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { PRICE_LIST_HEADER, PRICE_SHEET_HEADER } from "../lib/pricing/price-list-columns";
import { signIn } from "./support/sign-in";

// Fixed dates, so the spec doesn't depend on today: the demo prices apply from 2026-01-01.
const DEMO_DAY = "2026-03-01";
// Far enough ahead that the new version never changes the prices other suites see today.
const NEW_VERSION_DAY = "2030-01-01";

test("filter to Azure Stack, search Windows, download the view as CSV", async ({ page }) => {
  await signIn(page, "billing@adatum.example");
  await page.goto(`/price-list?region=all&date=${DEMO_DAY}`);
  const filters = page.getByRole("search", { name: "Price list filters" });
  await filters.getByLabel("Region").selectOption("Azure Stack");
  await filters.getByLabel("Search").fill("Windows");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=Windows/);
  await expect(page).toHaveURL(/region=Azure\+Stack/);

  const rows = page.getByRole("table", { name: "Prices" }).locator("tbody tr");
  await expect(rows).toHaveCount(4);
  for (const meter of ["Windows VM, 1 Core Hour", "Windows VM Admin, 1 Core Hour"]) {
    await expect(rows.filter({ hasText: meter })).toHaveCount(2); // US and DE
  }
  await expect(rows.filter({ hasText: "0.046 USD" })).toHaveCount(2);
  await expect(page.getByText("Demo prices", { exact: true })).toBeVisible();
  await expect(page.getByText(/^4 prices/)).toBeVisible();

  // By default Partner Center's price sheet columns and dates; the portal's meter columns on request.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV", exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^price-list-azure-stack-2026-03-01\.csv$/);
  const records = parse(await readFile(await download.path())) as string[][];
  expect(records[0]).toEqual(PRICE_SHEET_HEADER);
  expect(records).toHaveLength(1 + 4);
  expect(records.slice(1).every((record) => record[PRICE_SHEET_HEADER.indexOf("EffectiveStartDate")] === "1/1/2026 12:00:00 AM")).toBe(true);
  const downloadingWithMeters = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV with meter columns" }).click();
  const withMeters = parse(await readFile(await (await downloadingWithMeters).path())) as string[][];
  expect(withMeters[0]).toEqual(PRICE_LIST_HEADER);
  expect(withMeters.slice(1).every((record) => record[PRICE_LIST_HEADER.indexOf("MeterRegion")] === "Azure Stack")).toBe(true);

  // Row detail, and back to the same filtered view.
  await rows.filter({ hasText: "Windows VM, 1 Core Hour" }).filter({ hasText: "USD" }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Azure Stack Hub Virtual Machines · Windows VM");
  await expect(page.getByRole("table", { name: "Price history" })).toContainText("0.046");
  await page.getByRole("main").getByRole("link", { name: "Price list", exact: true }).click();
  await expect(page).toHaveURL(/q=Windows/);
});

test("an operator imports a new version and its price shows from its date", async ({ page }) => {
  await signIn(page, "operator@microsoft.example");
  // Download, edit, re-import: the whole US list, with a new Windows VM price.
  const exported = await page.request.get(`/api/price-list/export?region=all&market=US&date=${DEMO_DAY}&columns=portal`);
  expect(exported.ok()).toBe(true);
  const records = parse(await exported.text()) as string[][];
  const column = (name: string) => PRICE_LIST_HEADER.indexOf(name);
  const windowsVm = records.find((record) => record[column("SkuTitle")] === "Windows VM" && record[column("MeterRegion")] === "Azure Stack");
  if (!windowsVm) throw new Error("the demo price list has no Azure Stack Windows VM row");
  windowsVm[column("UnitPrice")] = "0.061";

  await page.goto("/price-list/import");
  const form = page.getByRole("form", { name: "Import price list" });
  await form.getByLabel("Price list CSV").setInputFiles({ name: "us-2030.csv", mimeType: "text/csv", buffer: Buffer.from(stringify(records)) });
  await form.getByLabel("Effective from").fill(NEW_VERSION_DAY);
  await form.getByRole("button", { name: "Import" }).click();
  await expect(form.getByText(`Imported ${(records.length - 1).toLocaleString("en-US")} prices for US (USD)`)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("table", { name: "Price list versions" })).toContainText("us-2030.csv");

  const windowsRow = page.getByRole("table", { name: "Prices" }).locator("tbody tr").filter({ hasText: "Windows VM, 1 Core Hour" });
  await page.goto(`/price-list?q=Windows&market=US&date=2029-12-31`);
  await expect(windowsRow).toContainText("0.046 USD");
  await page.goto(`/price-list?q=Windows&market=US&date=${NEW_VERSION_DAY}`);
  await expect(windowsRow).toContainText("0.061 USD");
  await expect(page.getByText("Demo prices", { exact: true })).toHaveCount(0);

  // A broken file is refused with line and reason, and changes nothing.
  await page.goto("/price-list/import");
  const bad = stringify([PRICE_LIST_HEADER, PRICE_LIST_HEADER.map((name) => (name === "UnitPrice" ? "cheap" : "x"))]);
  await form.getByLabel("Price list CSV").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await form.getByRole("button", { name: "Import" }).click();
  const problems = page.getByRole("table", { name: "Problems" });
  await expect(problems).toContainText("UnitPrice");
  await expect(problems.locator("tbody tr").first()).toContainText("2");
});

test("the Meters page shows what Microsoft bills each local meter as", async ({ page }) => {
  await signIn(page, "admin@adatum.example");
  await page.getByRole("link", { name: "Meters", exact: true }).click();
  const locals = page.getByRole("table", { name: "Local meters" });
  await expect(locals.getByRole("row", { name: /Windows VM Size Hours/ })).toContainText("Windows VM Admin");
  await expect(locals.getByRole("row", { name: /Static IP Address Usage/ })).toContainText("Not billed by Microsoft — available for your own chargeback");
  await expect(page.getByRole("table", { name: "Commerce meters" }).locator("tbody tr")).toHaveCount(14);

  await page.getByRole("searchbox").fill("BlockBlobCapacity");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(locals.locator("tbody tr")).toHaveCount(1);
  await expect(locals).toContainText("GB-hours ÷ (24 × days in the month) → GB-month");
});
