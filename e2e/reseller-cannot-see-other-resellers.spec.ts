// Rule: a reseller never sees another reseller. Reseller A (Contoso)'s admin agent: reseller B
// (Fabrikam)'s customer page and its usage are not found, B's audit events appear neither on the
// audit page nor in its CSV export (even filtered by B's ids), and the partner list doesn't show B.
// A customer reader (docs/customer-portal.md) gets 404 for every one of those pages and files.
import { expect, test } from "@playwright/test";
import { DEMO_CUSTOMER_READERS, DEMO_CUSTOMERS, DEMO_PARTNERS } from "../prisma/seed/demo-data";
import { signOut } from "./support/sign-in";
import { signIn } from "./support/sign-in";

const bCustomer = DEMO_CUSTOMERS.filter((c) => c.partnerKey === "fabrikam").at(-1)!;

test("Contoso's admin cannot see Fabrikam's customers, usage, audit events or partner record", async ({ page }) => {
  // B does something audited: Fabrikam's admin adds a customer.
  const suffix = Date.now().toString(36);
  const bCompany = `Fabrikam Only ${suffix}`;
  await signIn(page, "admin@fabrikam.example");
  await page.goto("/customers/new");
  await page.getByLabel("Company name").fill(bCompany);
  await page.getByLabel("Directory domain").fill(`fabonly${suffix}.onmicrosoft.com`);
  await page.getByLabel("Country").selectOption("US");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: bCompany })).toBeVisible();
  const bNewCustomerId = new URL(page.url()).pathname.split("/").pop()!;
  // B's own audit page shows it (the control for the checks below).
  await page.goto(`/audit?target=${bNewCustomerId}`);
  await expect(page.getByTestId("audit-row")).toHaveCount(1);
  await signOut(page);

  await signIn(page, "admin@contoso.example");
  for (const path of [`/customers/${bCustomer.id}`, `/customers/${bCustomer.id}/usage`, `/customers/${bNewCustomerId}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByText(bCustomer.companyName)).toHaveCount(0);
  }

  await page.goto("/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await expect(page.getByText(bCompany)).toHaveCount(0);
  await expect(page.getByText(DEMO_PARTNERS.fabrikam.name)).toHaveCount(0);
  await page.goto(`/audit?target=${bNewCustomerId}`);
  await expect(page.getByText("No audit events match these filters.")).toBeVisible();

  for (const query of ["", `?target=${bNewCustomerId}`, "?action=customer.create"]) {
    const response = await page.request.get(`/api/audit/export${query}`);
    expect(response.status()).toBe(200);
    const csv = await response.text();
    expect(csv.startsWith("Time,ActorEmail,Action")).toBe(true);
    expect(csv).not.toContain(bNewCustomerId);
    expect(csv).not.toContain(bCompany);
    expect(csv).not.toContain(DEMO_PARTNERS.fabrikam.id);
  }

  await page.goto("/partners");
  await expect(page.getByText(DEMO_PARTNERS.fabrikam.name)).toHaveCount(0);
  await page.goto("/customers");
  await expect(page.getByText(bCustomer.companyName)).toHaveCount(0);
});

test("a customer reader gets 404 for other partners' customers, their usage, the audit log and the partner list", async ({ page }) => {
  const reader = DEMO_CUSTOMER_READERS[0];
  await signIn(page, reader.email);
  for (const path of [
    `/customers/${bCustomer.id}`,
    `/customers/${bCustomer.id}/usage`,
    `/customers/${reader.customerId}/usage`,
    "/audit",
    "/partners",
    "/customers",
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByText(bCustomer.companyName)).toHaveCount(0);
  }
  for (const path of ["/api/audit/export", `/api/audit/export?target=${bCustomer.id}`]) {
    expect((await page.request.get(path)).status(), path).toBe(404);
  }
  await page.goto("/my/costs");
  await expect(page.getByText(DEMO_PARTNERS.fabrikam.name)).toHaveCount(0);
  await expect(page.getByText(bCustomer.companyName)).toHaveCount(0);
});
