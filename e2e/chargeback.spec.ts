// Chargeback through the UI: the distributor's admin adds a version to Contoso's rate card with a
// markup on the VM meter; a Contoso customer's statement then shows Microsoft's price × (1 + markup),
// with cost and margin for the distributor; the customer-facing print view never shows either.
import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { DEMO_CUSTOMERS, DEMO_PASSWORD } from "../prisma/seed/demo-data";
import { signIn } from "./support/sign-in";

const VM_METER = "7bc19779-56bc-474d-8c88-36fbd79ae004";
const WINDOWS_VM_METER = "fb8c0713-ea20-40bf-901f-5560fd3f6330";
// Demo price list (prisma/seed/pricing-demo-data.ts): VM 0.008, Windows VM 0.046 per core hour.
const customer = DEMO_CUSTOMERS.find((c) => c.companyName === "Alpine Ski House");
const period = new Date().toISOString().slice(0, 7);

// A freshly started server opens the (large, seeded) embedded database and loads the sign-in route on
// first use, which on a loaded machine took longer than sign-in's 10 s wait for the portal: warm both
// up once, waiting on the outcome (the dashboard), before the timed tests.
test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await browser.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("sales@northwind.example");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/dashboard/, { timeout: 150_000 });
  await page.close();
});

test("the distributor reprices a reseller's customers and the statement follows", async ({ page }) => {
  if (!customer) throw new Error("demo customer missing");
  await signIn(page, "admin@northwind.example");
  await page.getByRole("link", { name: "Rate cards" }).click();
  await page.getByRole("link", { name: "Reseller: Contoso IT Services" }).click();
  await expect(page.getByRole("heading", { name: "Reseller: Contoso IT Services" })).toBeVisible();

  const form = page.getByRole("form", { name: "New version" });
  await expect(form.getByLabel("Effective from")).toHaveValue(`${period}-01`);
  // A bad markup is refused on its own cell, nothing saved.
  await form.getByLabel("Markup % for Virtual Machines VM", { exact: true }).fill("abc");
  await form.getByRole("button", { name: "Add version" }).click();
  await expect(form.getByText(/Enter a markup/)).toBeVisible();
  await expect(page.locator(`[data-testid="rate-card-version"][data-effective-from="${period}-01"]`)).toHaveCount(0);

  await form.getByLabel("Markup % for Virtual Machines VM", { exact: true }).fill("25");
  await form.getByRole("button", { name: "Add version" }).click();
  const added = page.locator(`[data-testid="rate-card-version"][data-effective-from="${period}-01"]`);
  await expect(added).toBeVisible();
  await expect(added).toContainText("VM 25 %");
  await expect(added).toContainText("in force");

  await page.goto(`/customers/${customer.id}/statement?period=${period}`);
  const vm = page.locator(`[data-testid="statement-line"][data-meter-id="${VM_METER}"]`);
  await expect(vm).toHaveCount(1);
  await expect(vm.getByTestId("unit-price")).toHaveText("0.01"); // 0.008 × 1.25
  // Windows VM keeps the previous version's 10 % (the form starts from the latest version).
  const windows = page.locator(`[data-testid="statement-line"][data-meter-id="${WINDOWS_VM_METER}"]`);
  if ((await windows.count()) > 0) await expect(windows.getByTestId("unit-price")).toHaveText("0.0506");
  await expect(page.getByTestId("cost-column")).toBeVisible();
  await expect(page.getByTestId("statement-margin")).toBeVisible();

  // The distributor's CSV carries cost and margin.
  const csv = await page.request.get(`/api/statements/${customer.id}?period=${period}`);
  expect(csv.status()).toBe(200);
  const rows = parse(await csv.text()) as string[][];
  expect(rows[0]).toEqual(expect.arrayContaining(["UnitPrice", "Amount", "MicrosoftCost", "Margin"]));
  const vmRow = rows.find((r) => r[rows[0].indexOf("MeterId")] === VM_METER);
  expect(vmRow?.[rows[0].indexOf("UnitPrice")]).toBe("0.01");

  // The customer-facing print view: same prices, never cost or margin.
  // It opens in a new tab (the portal tab stays), marked provisional while the month is open.
  const [print] = await Promise.all([page.context().waitForEvent("page"), page.getByTestId("print-link").click()]);
  await expect(print.getByTestId("statement-print")).toBeVisible();
  await expect(print.getByTestId("statement-print")).toContainText("Contoso IT Services");
  await expect(print.getByTestId("statement-provisional")).toContainText("Provisional");
  await expect(print.getByTestId("statement-number")).toHaveText(/^No\. ST-\d{6}-[A-Z0-9]{8}$/);
  await expect(print.getByTestId("statement-date")).toHaveText(/^Issued \d{4}-\d{2}-\d{2}$/);
  await expect(print.locator(`[data-testid="statement-line"][data-meter-id="${VM_METER}"]`).getByTestId("unit-price")).toHaveText("0.01");
  await expect(print.getByText(/Microsoft cost/i)).toHaveCount(0);
  await expect(print.getByText(/margin/i)).toHaveCount(0);
  await expect(print.getByRole("navigation")).toHaveCount(0);
  await expect(page).toHaveURL(/\/statement\?period=/);
});

test("the margin report shows revenue, cost and margin per reseller with a chart", async ({ page }) => {
  await signIn(page, "billing@northwind.example");
  await page.getByRole("link", { name: "Margins" }).click();
  await expect(page.getByRole("heading", { name: "Margins" })).toBeVisible();
  await expect(page.getByTestId("reseller-margins")).toContainText("Contoso IT Services");
  await expect(page.getByTestId("margin-chart")).toBeVisible();
  await expect(page.locator(".recharts-bar-rectangle").first()).toBeVisible();
});

test("the dashboard flags a customer on pace to exceed its budget", async ({ page }) => {
  await signIn(page, "admin@contoso.example");
  const row = page.getByTestId("budget-row").filter({ hasText: "Alpine Ski House" });
  await expect(row).toHaveAttribute("data-over-budget", "true");
  await expect(row).toContainText("over pace");
});
