// Issue 16, items 19 and 15: the customer list sorts by column, exports to CSV (same filters and
// order) and expands a row to its subscriptions; an empty list says what to do first.
import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { readFile } from "node:fs/promises";
import { signIn } from "../support/sign-in";

test("sort, export and expand the customer list", async ({ page }) => {
  await signIn(page, "admin@northwind.example");
  await page.goto("/customers");
  const table = page.getByRole("table", { name: "Customers" });
  const names = () => table.locator('[data-testid="customer-row"] td:first-child').allTextContents();

  await table.getByRole("link", { name: /^Customer: sort descending$/ }).click();
  await expect(page).toHaveURL(/sort=name&dir=desc/);
  await expect(table.getByRole("columnheader", { name: /Customer/ })).toHaveAttribute("aria-sort", "descending");
  const descending = await names();
  expect(descending).toEqual([...descending].sort((a, b) => b.localeCompare(a)));

  await table.getByRole("link", { name: /^Subscriptions: sort ascending$/ }).click();
  await expect(page).toHaveURL(/sort=subscriptions&dir=asc/);
  const counts = (await table.locator('[data-testid="customer-row"] td:last-child').allTextContents()).map((text) => Number.parseInt(text, 10));
  expect(counts).toEqual([...counts].sort((a, b) => a - b));

  // Expand the last row (most subscriptions): its subscriptions are listed under it.
  const row = table.getByTestId("customer-row").last();
  const name = (await row.locator("td").first().textContent())!;
  const toggle = row.getByRole("button", { name: /subscriptions? of / });
  await expect(toggle).toHaveAccessibleName(`Show the ${(await row.locator("td").last().textContent())!.replace(/\D/g, "")} subscriptions of ${name}`);
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(
    page
      .getByRole("list", { name: `Subscriptions of ${name}` })
      .getByRole("listitem")
      .first(),
  ).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("customers-csv").click()]);
  expect(download.suggestedFilename()).toMatch(/^customers_northwind-cloud-distribution_\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = parse(await readFile((await download.path())!)) as string[][];
  expect(rows[0]).toEqual(["CustomerId", "CompanyName", "Domain", "TenantId", "Country", "OwnerPartner", "Subscriptions", "CreatedAt"]);
  const csvCounts = rows.slice(1).map((r) => Number(r[6]));
  expect(csvCounts).toEqual([...csvCounts].sort((a, b) => a - b));
});

test("an empty list says what to do first; a filtered one offers to clear the filters", async ({ page }) => {
  await signIn(page, "sales@adatum.example");
  await page.goto("/customers?q=no-such-customer-anywhere");
  await expect(page.getByTestId("customers-empty")).toContainText("No customers match these filters");
  await expect(page.getByTestId("customers-empty").getByRole("link", { name: "Clear the filters" })).toBeVisible();
});
