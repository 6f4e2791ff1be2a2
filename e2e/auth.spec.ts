// Sign-in for every demo user, the shell each role gets, sign-out and the rate limit.
import { expect, test } from "@playwright/test";
import { DEMO_SIGN_INS } from "../prisma/seed/demo-data";
import { signIn, signOut } from "./support/sign-in";

const NAV_BY_ROLE: Record<string, { shown: string[]; hidden: string[] }> = {
  ADMIN_AGENT: { shown: ["Dashboard", "Customers", "Registrations", "Usage", "Price list", "Billing"], hidden: ["Partners"] },
  BILLING_ADMIN: { shown: ["Dashboard", "Customers", "Registrations", "Usage", "Price list", "Billing"], hidden: ["Partners"] },
  SALES_AGENT: { shown: ["Dashboard", "Customers", "Price list"], hidden: ["Registrations", "Usage", "Billing", "Partners"] },
  OPERATOR: { shown: ["Dashboard", "Customers", "Price list", "Partners"], hidden: ["Billing"] },
};

for (const user of DEMO_SIGN_INS) {
  test(`${user.email} (${user.role}) signs in, sees the shell for the role, and signs out`, async ({ page }) => {
    await signIn(page, user.email);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByTestId("partner-name")).toHaveText(user.partnerName ?? "Platform operations");
    const nav = page.getByRole("navigation", { name: "Main" }).first();
    for (const label of NAV_BY_ROLE[user.role].shown) {
      await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
    }
    for (const label of NAV_BY_ROLE[user.role].hidden) {
      await expect(nav.getByRole("link", { name: label, exact: true })).toHaveCount(0);
    }
    // Empty sections say what will live there; every visible section opens.
    for (const label of NAV_BY_ROLE[user.role].shown) {
      await nav.getByRole("link", { name: label, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    }
    await signOut(page);
    await page.goto("/customers");
    await expect(page).toHaveURL(/\/sign-in/);
  });
}

test("a wrong password gets a clear message", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("admin@adatum.example");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("The email or password is incorrect.");
});

test("repeated failures for one email are rate-limited with a clear message", async ({ page }) => {
  const email = `nobody-${Date.now()}@nowhere.example`;
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong");
  for (let attempt = 0; attempt < 5; attempt++) {
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText("The email or password is incorrect.");
  }
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText("Too many failed sign-in attempts");
});
