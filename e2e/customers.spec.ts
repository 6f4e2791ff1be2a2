// The customer flows: URL-synced list filters and pagination, create with inline field errors,
// edit, add a CSP subscription, and a distributor's reseller switcher.
import { expect, test } from "@playwright/test";
import { DEMO_CUSTOMERS, DEMO_PARTNERS } from "../prisma/seed/demo-data";
import { signIn } from "./support/sign-in";

test("search, filter and paginate the customer list through the URL", async ({ page }) => {
  await signIn(page, "admin@northwind.example");
  await page.goto("/customers");
  const rows = page.locator("tbody tr");
  await expect(rows).toHaveCount(20);
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/page=2/);

  const fabrikamCustomer = DEMO_CUSTOMERS.find((customer) => customer.partnerKey === "fabrikam");
  if (!fabrikamCustomer) throw new Error("demo data has no Fabrikam customer");
  await page.goto("/customers");
  await page.getByRole("searchbox").fill(fabrikamCustomer.companyName);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=/);
  await expect(page.getByRole("link", { name: fabrikamCustomer.companyName })).toBeVisible();

  await page.goto(`/customers?reseller=${DEMO_PARTNERS.tailspin.id}`);
  await expect(page.locator("tbody tr td:nth-child(5)").first()).toHaveText(DEMO_PARTNERS.tailspin.name);
  await page.reload();
  await expect(page.locator("select[name=reseller]")).toHaveValue(DEMO_PARTNERS.tailspin.id);
});

test("a reseller's sales agent creates, edits and subscribes a customer", async ({ page }) => {
  const suffix = Date.now().toString(36);
  await signIn(page, "sales@contoso.example");
  await page.goto("/customers/new");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByText("Company name is required.")).toBeVisible();
  await expect(page.getByText("Directory domain is required.")).toBeVisible();
  await expect(page.getByText("Choose a country from the list.")).toBeVisible();

  await page.getByLabel("Directory domain").fill("not a domain");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByText("Enter a domain like fabrikam.onmicrosoft.com.")).toBeVisible();

  await page.getByLabel("Company name").fill(`Lamna Healthcare ${suffix}`);
  await page.getByLabel("Directory domain").fill(`lamna${suffix}.onmicrosoft.com`);
  await page.getByLabel("Country").selectOption("NL");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Lamna Healthcare ${suffix}` })).toBeVisible();

  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Company name").fill(`Lamna Health ${suffix}`);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Lamna Health ${suffix}` })).toBeVisible();

  const form = page.getByRole("form", { name: "Add a CSP subscription" });
  await form.getByLabel("Subscription ID (optional)").fill("not-a-guid");
  await form.getByRole("button", { name: "Add CSP subscription" }).click();
  await expect(form.getByText("Subscription name is required.")).toBeVisible();
  await expect(form.getByText(/Subscription ID must be a GUID/)).toBeVisible();
  await form.getByLabel("Subscription name").fill("Lamna production");
  await form.getByLabel("Subscription ID (optional)").fill("");
  await form.getByRole("button", { name: "Add CSP subscription" }).click();
  const row = page.getByRole("row", { name: /Lamna production/ });
  await expect(row).toBeVisible();
  // A reseller's customer is billed through its distributor (the CSP of record).
  await expect(row).toContainText(DEMO_PARTNERS.northwind.name);
});

test("a duplicate directory domain is refused on its field, nothing created", async ({ page }) => {
  const existing = DEMO_CUSTOMERS.find((customer) => customer.partnerKey === "adatum");
  if (!existing) throw new Error("demo data has no Adatum customer");
  await signIn(page, "admin@adatum.example");
  await page.goto("/customers/new");
  await page.getByLabel("Company name").fill("Copycat Ltd");
  await page.getByLabel("Directory domain").fill(existing.domain);
  await page.getByLabel("Country").selectOption("US");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByText("This directory domain is already used by a customer.")).toBeVisible();
  await expect(page).toHaveURL(/\/customers\/new$/);
});

test("a distributor switches the whole portal to one reseller and back", async ({ page }) => {
  await signIn(page, "billing@northwind.example");
  await page.goto("/customers");
  await page.getByLabel("Viewing").selectOption(DEMO_PARTNERS.fabrikam.id);
  await expect(page.locator("tbody tr td:nth-child(5)").first()).toHaveText(DEMO_PARTNERS.fabrikam.name);
  const owners = await page.locator("tbody tr td:nth-child(5)").allTextContents();
  expect(new Set(owners)).toEqual(new Set([DEMO_PARTNERS.fabrikam.name]));
  await page.getByLabel("Viewing").selectOption("");
  await expect(page.getByText(/^3\d customers/)).toBeVisible();
});
