// Issue 16, item 4: the records-per-hour chart speaks UTC hours for people, with a unit on the
// y-axis; customer usage charts name their currency on the axis and in the tooltip (item 9).
import { expect, test } from "@playwright/test";
import { signIn } from "../support/sign-in";

test("records per hour: UTC hours, labelled, formatted for people, y-axis unit", async ({ page }) => {
  await signIn(page, "admin@northwind.example");
  await page.goto("/registrations");
  const href = (await page.getByRole("link", { name: "NWD-CHI-01" }).getAttribute("href"))!;
  await page.goto(`/usage?registration=${href.split("/").pop()}`);
  const chart = page.getByTestId("records-per-hour-chart");
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAttribute("aria-label", /^Records received per hour, \d{4}-\d{2}-\d{2} \d{2}:00–\d{2}:00 UTC to .* UTC: [\d,]+ in all\.$/);
  await expect(chart.getByText("Hour received (UTC)")).toBeVisible();
  await expect(chart.getByText("Records", { exact: true })).toBeVisible();
  // No raw ISO timestamps on the axis.
  await expect(chart).toContainText(/(0[0-9]|1[0-9]|2[0-3]):00/);
  await expect(chart).not.toContainText(/\d{4}-\d{2}-\d{2}T\d{2}/);
  // The tooltip of a bar names its UTC hour.
  const box = (await chart.locator(".recharts-cartesian-grid").boundingBox())!;
  await page.mouse.move(box.x + box.width - 4, box.y + box.height / 2);
  await expect(chart.locator(".recharts-tooltip-wrapper")).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:00–\d{2}:00 UTC/);
});

test("customer usage: the cost chart's axis and tooltip name the currency", async ({ page }) => {
  await signIn(page, "admin@adatum.example");
  await page.goto("/billing");
  await page.getByTestId("customer-totals").getByRole("link").first().click();
  const chart = page.getByTestId("usage-chart").first();
  await expect(chart.getByText(/Pre-tax \(USD\)/)).toBeVisible();
  const box = (await chart.locator(".recharts-cartesian-grid").boundingBox())!;
  await page.mouse.move(box.x + box.width / 3, box.y + box.height / 2);
  await expect(chart.locator(".recharts-tooltip-wrapper")).toContainText(/USD\s[\d,]+\.\d{2}/);
  await expect(page.getByTestId("customer-total")).toHaveText(/^USD\s[\d,]+\.\d{2}$/);
});
