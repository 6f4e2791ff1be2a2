// Issue 16, items 9 and 10: every amount names its currency (tiles, margin and budget tables, rate
// card unit prices); a budget's currency is chosen from the customer's billing currency only.
import { expect, test } from "@playwright/test";
import { DEMO_CUSTOMERS } from "../../prisma/seed/demo-data";
import { signIn } from "../support/sign-in";

const MONEY = /^-?USD\s-?[\d,]+\.\d{2}$/;

test("dashboard, margins, budgets and rate cards name the currency", async ({ page }) => {
  await signIn(page, "admin@northwind.example");
  await page.goto("/dashboard");
  await expect(page.getByTestId("dashboard-spend")).toHaveText(MONEY);
  const budget = page.getByTestId("budget-row").first().locator("td");
  await expect(budget.nth(1)).toHaveText(MONEY);
  await expect(budget.nth(2)).toHaveText(MONEY);
  await expect(budget.nth(3)).toHaveText(MONEY);

  await page.goto("/chargeback/margins");
  await expect(page.getByTestId("margin-revenue")).toHaveText(MONEY);
  await expect(page.getByTestId("reseller-margins").locator("tbody td").nth(2)).toHaveText(MONEY);

  await page.goto("/chargeback/rate-cards");
  await page.getByRole("link", { name: "Northwind default" }).click();
  await expect(page.getByTestId("rate-card-version").first()).toContainText(/Unit prices: .*USD\s0\.00\d+ per/);
});

test("a customer's budget currency is a choice of their billing currency", async ({ page }) => {
  const customer = DEMO_CUSTOMERS.find((c) => c.partnerKey === "adatum")!;
  await signIn(page, "admin@adatum.example");
  await page.goto(`/customers/${customer.id}`);
  const form = page.getByRole("form", { name: "Monthly budget" });
  const currency = form.getByLabel("Currency");
  await expect(currency).toHaveJSProperty("tagName", "SELECT");
  await expect(currency.locator("option")).toHaveText(["USD"]);
  await form.getByLabel("Monthly budget").fill("1200");
  await form.getByRole("button", { name: "Save budget" }).click();
  await expect(form).toContainText("Budget: USD 1,200.00 a month.");
});
