// Cost analysis on a customer's page: regroup by resource without a page reload (the data comes
// through TanStack Query), drill down by clicking a series, compare with the previous period,
// export the table, and reopen the URL to get the same view. Partner-wide: the page with its top
// movers, grouped per customer.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { signIn } from "./support/sign-in";

test("a customer's cost analysis: regroup, drill down, compare, export, shareable URL", async ({ page }) => {
  await signIn(page, "admin@adatum.example");
  await page.goto("/billing");
  await page.getByTestId("customer-totals").getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: /^Usage: / })).toBeVisible();
  await expect(page.locator(".recharts-bar-rectangle").first()).toBeVisible();
  // A marker on the window survives only if the page is never reloaded.
  await page.evaluate(() => ((window as unknown as { costMarker: string }).costMarker = "still here"));

  const analysis = page.getByTestId("cost-analysis");
  await analysis.getByLabel("Group by").selectOption("resource");
  await expect(page).toHaveURL(/groupBy=resource/);
  await expect(page.getByRole("heading", { name: /^Cost by resource/ })).toBeVisible();
  await expect(page.locator(".recharts-bar-rectangle").first()).toBeVisible();

  // Drill down: the clicked resource becomes a filter; the grouping moves to its meters.
  await page.locator(".recharts-bar-rectangle").first().click();
  await expect(page).toHaveURL(/filter\.resource=/);
  await expect(page).toHaveURL(/groupBy=meter/);
  await expect(page.getByTestId("cost-filters")).toContainText("Resource:");

  await analysis.getByLabel("Compare with").selectOption("previous");
  await expect(page.getByTestId("compare-delta")).toContainText(/USD/);
  expect(await page.evaluate(() => (window as unknown as { costMarker?: string }).costMarker)).toBe("still here");

  await page.getByRole("button", { name: "Table" }).click();
  await expect(page.getByTestId("cost-table")).toBeVisible();
  const shownTotal = await page.getByTestId("cost-table-total").innerText();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("cost-csv").click()]);
  const rows = parse(await readFile((await download.path()) ?? "", "utf8")) as string[][];
  expect(rows[0][0]).toBe("Day");
  expect(rows[0]).toContain("Total (USD)");
  expect(rows.at(-1)?.[0]).toBe("Total");
  expect(rows.at(-1)?.[rows[0].indexOf("Total (USD)")]).toBe(shownTotal);

  // The URL restores the same view.
  const url = page.url();
  await page.goto("/dashboard");
  await page.goto(url);
  await expect(page.getByTestId("cost-analysis").getByLabel("Group by")).toHaveValue("meter");
  await expect(page.getByTestId("cost-analysis").getByLabel("Compare with")).toHaveValue("previous");
  await expect(page.getByTestId("cost-filters")).toContainText("Resource:");
});

test("partner-wide cost analysis: top movers and the trend per customer", async ({ page }) => {
  await signIn(page, "admin@adatum.example");
  await page.getByRole("navigation").getByRole("link", { name: "Cost analysis" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cost analysis" })).toBeVisible();
  await expect(page.getByTestId("movers-customers")).toBeVisible();
  await expect(page.getByTestId("cost-analysis").getByLabel("Group by")).toHaveValue("customer");
  await expect(page.getByTestId("cost-analysis").getByLabel("Granularity")).toHaveValue("monthly");
  await expect(page.locator(".recharts-bar-rectangle").first()).toBeVisible();
});
