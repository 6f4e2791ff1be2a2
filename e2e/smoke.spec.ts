// Placeholder: proves the harness (server on a fresh database, chromium) works. The app team
// replaces it with the real suites.
import { expect, test } from "@playwright/test";

test("the sign-in page renders", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.locator("h1")).toBeVisible();
});
