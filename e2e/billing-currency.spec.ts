// Billing in another currency (docs/currency.md): Adatum's admin sets the billing currency to EUR;
// until the month's rate is imported the billing page says which rate is missing (no error page);
// Adatum's billing admin imports a rates CSV and the billing page shows EUR amounts (the file's
// billing side too, summing to the page's total). The setting is cleared again at the end, so the
// other specs keep seeing Adatum in USD.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import Decimal from "decimal.js";
import { RECON_COLUMNS } from "../lib/recon/recon-line";
import { signIn, signOut } from "./support/sign-in";

const amount = (text: string) => new Decimal(text.replace(/[^0-9.-]/g, ""));
const RATE = "0.9234";

async function setBillingCurrency(page: Page, code: string) {
  await page.goto("/billing/currency");
  const form = page.getByRole("form", { name: "Billing currency" });
  await form.getByLabel("Billing currency").selectOption(code);
  await form.getByRole("button", { name: "Save billing currency" }).click();
  await expect(page.getByRole("status")).toContainText(code ? `Billing currency set to ${code}.` : "Billing currency cleared.");
}

test("a billing admin imports a month's rate and the billing page shows EUR amounts", async ({ page }) => {
  const month = new Date().toISOString().slice(0, 7);
  await signIn(page, "admin@adatum.example");
  await page.goto("/billing");
  const usdTotal = amount((await page.getByTestId("period-total").textContent()) ?? "");
  const lines = Number(((await page.getByText(/ rated lines$/).textContent()) ?? "").replace(/[^0-9]/g, ""));
  expect(usdTotal.greaterThan(0)).toBe(true);
  try {
    await setBillingCurrency(page, "EUR");
    await page.goto("/billing");
    await expect(page.getByTestId("missing-exchange-rate")).toContainText(`No exchange rate for ${month}: USD→EUR`);
    await signOut(page);

    await signIn(page, "billing@adatum.example");
    await page.goto("/billing/currency");
    await page.getByLabel("Exchange rates CSV").setInputFiles({
      name: "rates.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`Month,PricingCurrency,BillingCurrency,Rate,RateDate\n${month},USD,EUR,${RATE},${month}-01\n`),
    });
    await page.getByRole("button", { name: "Import rates" }).click();
    await expect(page.getByRole("status")).toContainText(`Imported 1 rate for ${month}.`);
    await expect(page.getByTestId("exchange-rates")).toContainText(RATE);

    await page.goto("/billing");
    const total = page.getByTestId("period-total");
    await expect(total).toHaveText(/^EUR\s[\d,]+\.\d{2}$/);
    await expect(page.getByTestId("conversion-note")).toContainText(`USD prices × ${RATE} = EUR`);
    await expect(page.getByTestId("customer-totals").locator("tbody td").nth(2)).toHaveText(/^EUR\s/);
    // Each line is floored once after conversion: at most a cent per line below the converted USD total.
    const eurTotal = amount((await total.textContent()) ?? "");
    const converted = usdTotal.times(RATE);
    expect(eurTotal.lessThanOrEqualTo(converted.plus(lines * 0.01))).toBe(true);
    expect(eurTotal.greaterThanOrEqualTo(converted.minus(lines * 0.01))).toBe(true);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-all").click()]);
    const downloaded = (await download.path()) ?? "";
    const rows = parse(await readFile(downloaded)) as string[][];
    const col = (name: (typeof RECON_COLUMNS)[number]) => RECON_COLUMNS.indexOf(name);
    const priced = rows.slice(1).filter((row) => row[col("PricingCurrency")] === "USD");
    expect(priced.length).toBeGreaterThan(0);
    for (const row of priced.slice(0, 50)) {
      expect([row[col("BillingCurrency")], row[col("PCToBCExchangeRate")], row[col("PCToBCExchangeRateDate")]]).toEqual(["EUR", RATE, `${month}-01`]);
    }
    const fileTotal = rows.slice(1).reduce((sum, row) => sum.plus(row[col("BillingPreTaxTotal")]), new Decimal(0));
    expect(fileTotal.toFixed(2)).toBe(eurTotal.toFixed(2));
    // The dashboard names the billing currency too.
    await page.goto("/dashboard");
    await expect(page.getByTestId("dashboard-spend")).toHaveText(/^EUR\s[\d,]+\.\d{2}$/);
    // A customer's cost analysis stays in the pricing currency and says so (docs/cost-analysis.md).
    await page.goto("/billing");
    await page.getByTestId("customer-totals").getByRole("link").first().click();
    await expect(page.getByTestId("customer-total")).toHaveText(/^USD\s[\d,]+\.\d{2}$/);
    await expect(page.getByRole("heading", { name: /^Cost by meter \(USD\)/ })).toBeVisible();
    await signOut(page);
  } finally {
    // Whatever failed, and whoever is signed in: Adatum is billed in its pricing currency again.
    await page.context().clearCookies();
    await signIn(page, "admin@adatum.example");
    await setBillingCurrency(page, "");
  }
});
