// A reseller sees its customers' statements at the customer price, but never Microsoft's cost, the
// distributor's margin, the margin report or the rate cards; another reseller's customer is not found.
// A customer reader (docs/customer-portal.md) gets 404 for all of it, its own customer's included.
import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { DEMO_CUSTOMER_READERS, DEMO_CUSTOMERS } from "../prisma/seed/demo-data";
import { signIn } from "./support/sign-in";

const contosoCustomer = DEMO_CUSTOMERS.find((c) => c.companyName === "Alpine Ski House");
const period = new Date().toISOString().slice(0, 7);

for (const email of ["admin@contoso.example", "billing@contoso.example"]) {
  test(`${email}: no margin report, no rate cards, statements without cost or margin`, async ({ page }) => {
    if (!contosoCustomer) throw new Error("demo customer missing");
    await signIn(page, email);
    await expect(page.getByRole("link", { name: "Margins" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Rate cards" })).toHaveCount(0);
    for (const path of ["/chargeback/margins", "/chargeback/rate-cards"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/forbidden/);
    }

    await page.goto(`/customers/${contosoCustomer.id}/statement?period=${period}`);
    await expect(page.getByRole("heading", { name: `Statement: ${contosoCustomer.companyName}` })).toBeVisible();
    await expect(page.getByTestId("statement-line").first()).toBeVisible();
    await expect(page.getByTestId("cost-column")).toHaveCount(0);
    await expect(page.getByText(/Microsoft cost/i)).toHaveCount(0);
    await expect(page.getByText(/margin/i)).toHaveCount(0);

    const csv = await page.request.get(`/api/statements/${contosoCustomer.id}?period=${period}`);
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    const header = (parse(text) as string[][])[0];
    expect(header).toContain("Amount");
    expect(header).not.toContain("MicrosoftCost");
    expect(text).not.toMatch(/margin/i);
  });
}

test("another reseller's customer statement is not found", async ({ page }) => {
  if (!contosoCustomer) throw new Error("demo customer missing");
  await signIn(page, "admin@fabrikam.example");
  const response = await page.goto(`/customers/${contosoCustomer.id}/statement?period=${period}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByText(contosoCustomer.companyName)).toHaveCount(0);
  const csv = await page.request.get(`/api/statements/${contosoCustomer.id}?period=${period}`);
  expect(csv.status()).toBe(404);
});

test("a customer reader gets 404 for margins, rate cards and statements with cost; its own statement has none", async ({ page }) => {
  const reader = DEMO_CUSTOMER_READERS[0];
  if (!contosoCustomer) throw new Error("demo customer missing");
  await signIn(page, reader.email);
  for (const path of [
    "/chargeback/margins",
    "/chargeback/rate-cards",
    `/customers/${reader.customerId}/statement?period=${period}`,
    `/customers/${contosoCustomer.id}/statement?period=${period}`,
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  for (const path of [`/api/statements/${reader.customerId}?period=${period}`, `/api/statements/${contosoCustomer.id}?period=${period}`]) {
    expect((await page.request.get(path)).status(), path).toBe(404);
  }
  await page.goto(`/my/statement?period=${period}`);
  await expect(page.getByTestId("statement-cost")).toHaveCount(0);
  await expect(page.getByText(/Microsoft cost|margin/i)).toHaveCount(0);
  const csv = await page.request.get(`/api/my/usage?period=${period}`);
  expect(csv.status()).toBe(200);
  const header = (parse(await csv.text()) as string[][])[0];
  expect(header).toContain("Amount");
  expect(header).not.toContain("MicrosoftCost");
  expect(header).not.toContain("Margin");
});
