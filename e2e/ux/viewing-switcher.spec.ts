// Issue 16, item 13: the "Viewing" switcher narrows every page (Billing's per-reseller downloads
// included), and reseller badges name the reseller.
import { expect, test } from "@playwright/test";
import { DEMO_PARTNERS } from "../../prisma/seed/demo-data";
import { signIn } from "../support/sign-in";

test("billing honours the switcher and its badges name the reseller", async ({ page }) => {
  await signIn(page, "admin@northwind.example");
  await page.goto("/billing");
  const perReseller = page.locator("section").filter({ has: page.getByRole("heading", { name: "Per reseller" }) });
  // The demo's three resellers, plus any another spec onboarded on this shared database.
  await expect(perReseller.getByRole("listitem").nth(2)).toBeVisible();
  const all = await perReseller.getByRole("listitem").count();
  await expect(
    page
      .getByTestId("customer-totals")
      .getByText(/^Reseller: /)
      .first(),
  ).toBeVisible();

  await page.getByLabel("Viewing").selectOption(DEMO_PARTNERS.contoso.id);
  await expect(page.getByLabel("Viewing")).toHaveValue(DEMO_PARTNERS.contoso.id);
  await expect(perReseller.getByRole("listitem")).toHaveCount(1);
  await expect(perReseller).toContainText(DEMO_PARTNERS.contoso.name);
  const badges = await page
    .getByTestId("customer-totals")
    .getByText(/^Reseller: /)
    .allTextContents();
  expect(badges.length).toBeGreaterThan(0);
  expect(new Set(badges)).toEqual(new Set([`Reseller: ${DEMO_PARTNERS.contoso.name}`]));

  await page.getByLabel("Viewing").selectOption("");
  await expect(perReseller.getByRole("listitem")).toHaveCount(all);
});
