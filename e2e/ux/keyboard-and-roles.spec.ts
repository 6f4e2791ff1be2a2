// Issue 16, items 16 and 17: a skip link is the first Tab stop and inputs show a visible focus
// ring; sales agents read the price list, and a page their role can't open keeps the navigation.
import { expect, test } from "@playwright/test";
import { signIn } from "../support/sign-in";

test("skip to content, then a visible focus ring on an input", async ({ page }) => {
  await signIn(page, "admin@adatum.example");
  await page.goto("/customers");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main-content")).toBeFocused();
  await page.keyboard.press("Tab");
  // The first Tab stop inside the content: nothing of the navigation in between.
  const inMain = await page.evaluate(() => document.activeElement?.closest("main") !== null);
  expect(inMain).toBe(true);

  const search = page.locator("main input").first();
  await search.focus();
  const outline = await search.evaluate((element) => {
    const style = getComputedStyle(element);
    return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
  });
  expect(outline.style).not.toBe("none");
  expect(outline.width).toBeGreaterThanOrEqual(2);
});

test("a sales agent reads the price list; usage and billing are refused with the navigation kept", async ({ page }) => {
  await signIn(page, "sales@contoso.example");
  const nav = page.getByRole("navigation", { name: "Main" }).first();
  await expect(nav.getByRole("link", { name: "Price list", exact: true })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Usage", exact: true })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Billing", exact: true })).toHaveCount(0);
  await nav.getByRole("link", { name: "Price list", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Price list" })).toBeVisible();

  for (const path of ["/billing", "/usage"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Your role can't open this page" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Customers", exact: true })).toBeVisible();
  }
});
