// Issue 16, item 8 and the acceptance screenshots: on a 390×844 phone the navigation folds behind a
// Menu button and no page scrolls sideways (wide tables scroll inside their card).
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "../support/sign-in";

test.use({ viewport: { width: 390, height: 844 } });

async function expectNoHorizontalScroll(page: Page, name: string) {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath(`${name}-390x844.png`), fullPage: true });
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${name}: scrollWidth ${scrollWidth} > clientWidth ${clientWidth}`).toBeLessThanOrEqual(clientWidth);
}

for (const email of ["admin@adatum.example", "admin@northwind.example"]) {
  test(`${email}: dashboard, billing, customer usage and statement fit a phone`, async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, email);
    const menu = page.getByRole("button", { name: "Menu" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    const mobileNav = page.locator("#mobile-navigation");
    await expect(mobileNav).toBeHidden();
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await mobileNav.getByRole("link", { name: "Billing", exact: true }).click();
    await expect(page).toHaveURL(/\/billing/);
    // Following a link folds the menu again.
    await expect(page.getByRole("button", { name: "Menu" })).toHaveAttribute("aria-expanded", "false");
    await expectNoHorizontalScroll(page, `${email}-billing`);

    await page.goto("/dashboard");
    await expectNoHorizontalScroll(page, `${email}-dashboard`);
    await page.goto("/billing");
    const customer = (await page.getByTestId("customer-totals").getByRole("link").first().getAttribute("href"))!;
    await page.goto(customer);
    await expectNoHorizontalScroll(page, `${email}-customer-usage`);
    await page.goto(customer.replace(/\/usage.*$/, "/statement"));
    await expectNoHorizontalScroll(page, `${email}-statement`);
    if (email.startsWith("admin@northwind")) {
      await page.goto("/chargeback/margins");
      await expectNoHorizontalScroll(page, `${email}-margins`);
    }
  });
}
