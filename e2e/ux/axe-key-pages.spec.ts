// Acceptance of issue 16: axe-core finds no violation on ten key pages, for every role (a page a
// role can't open is checked as the 403 page it gets, navigation included).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "../support/sign-in";

const ROLES = [
  "admin@northwind.example",
  "admin@contoso.example",
  "admin@adatum.example",
  "billing@northwind.example",
  "sales@fabrikam.example",
  "operator@microsoft.example",
];

async function firstCustomerPath(page: Page): Promise<string> {
  await page.goto("/customers");
  const link = page.locator('tbody a[href^="/customers/"]').first();
  return (await link.getAttribute("href")) ?? "/customers";
}

async function expectNoViolations(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 3)
        .join(", ")}`,
  );
  expect(summary, `${path}`).toEqual([]);
}

for (const email of ROLES) {
  test(`${email}: ten key pages have no axe violations`, async ({ page }) => {
    test.setTimeout(180_000);
    await signIn(page, email);
    const customer = await firstCustomerPath(page);
    const pages = [
      "/dashboard",
      "/customers",
      customer,
      `${customer}/usage`,
      `${customer}/statement`,
      "/registrations",
      "/usage",
      "/price-list",
      "/billing",
      "/audit",
    ];
    for (const path of pages) await expectNoViolations(page, path);
  });
}
