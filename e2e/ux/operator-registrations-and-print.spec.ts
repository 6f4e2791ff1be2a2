// Issue 16, items 18 and 14: operators browse every partner's registrations read-only; a
// statement's print view opens in a new tab with its number, date and a provisional mark.
import { expect, test } from "@playwright/test";
import { DEMO_OPERATOR_EMAIL, DEMO_PARTNERS } from "../../prisma/seed/demo-data";
import { signIn } from "../support/sign-in";

test("an operator browses registrations across partners, read-only", async ({ page }) => {
  await signIn(page, DEMO_OPERATOR_EMAIL);
  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Registrations", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Registrations" })).toBeVisible();
  const table = page.getByRole("table", { name: "Registrations" });
  await expect(table.getByRole("columnheader", { name: "Registered by" })).toBeVisible();
  await expect(table.getByRole("cell", { name: DEMO_PARTNERS.northwind.name }).first()).toBeVisible();
  await expect(table.getByRole("cell", { name: DEMO_PARTNERS.adatum.name }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Register a stamp" })).toHaveCount(0);
  await table.getByRole("link", { name: "NWD-CHI-01" }).click();
  await expect(page.getByTestId("tenant-row").first()).toBeVisible();
  await expect(page.getByRole("form", { name: "Add a customer tenant" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Remove" })).toHaveCount(0);
});

test("the statement print view: new tab, number, date, provisional for the open month", async ({ page }) => {
  await signIn(page, "admin@adatum.example");
  await page.goto("/billing");
  const usage = (await page.getByTestId("customer-totals").getByRole("link").first().getAttribute("href"))!;
  await page.goto(usage.replace(/\/usage.*$/, "/statement"));
  const link = page.getByTestId("print-link");
  await expect(link).toHaveAttribute("target", "_blank");
  const [print] = await Promise.all([page.context().waitForEvent("page"), link.click()]);
  await expect(print.getByRole("heading", { level: 1, name: "Provisional statement" })).toBeVisible();
  await expect(print.getByTestId("statement-provisional")).toContainText("still open");
  await expect(print.getByTestId("statement-number")).toHaveText(/^No\. ST-\d{6}-[A-Z0-9]{8}$/);
  await expect(print.getByTestId("statement-date")).toHaveText(`Issued ${new Date().toISOString().slice(0, 10)}`);
  // A closed month is final: no provisional mark.
  const last = new Date();
  last.setUTCDate(1);
  last.setUTCMonth(last.getUTCMonth() - 1);
  await print.goto(`${new URL(print.url()).pathname}?period=${last.toISOString().slice(0, 7)}`);
  await expect(print.getByRole("heading", { level: 1, name: "Statement" })).toBeVisible();
  await expect(print.getByTestId("statement-provisional")).toHaveCount(0);
  // The portal tab stays where it was.
  await expect(page).toHaveURL(/\/statement/);
});
