// The customer portal (docs/customer-portal.md): Adatum's billing admin closes a period, then
// Litware's customer reader sees only Litware's cost analysis, statement and invoice at Adatum's
// prices (the amount Adatum bills, not Microsoft's cost), never a cost or margin column, and gets
// 404 for every partner page, API and file and for any other customer's. An admin agent invites a
// customer reader through Settings → Users, who accepts and lands in the portal.
import { expect, test, type Page } from "@playwright/test";
import { DEMO_CUSTOMER_READERS, DEMO_CUSTOMERS, DEMO_PARTNERS } from "../prisma/seed/demo-data";
import { signIn, signOut } from "./support/sign-in";

test.describe.configure({ mode: "serial" });

const reader = DEMO_CUSTOMER_READERS[0];
const litware = DEMO_CUSTOMERS.find((customer) => customer.id === reader.customerId);
const sibling = DEMO_CUSTOMERS.find((customer) => customer.partnerKey === reader.partnerKey && customer.id !== reader.customerId);
const foreign = DEMO_CUSTOMERS.find((customer) => customer.partnerKey !== reader.partnerKey);
const partnerName = DEMO_PARTNERS[reader.partnerKey].name;
const PASSWORD = "Customer-Portal-2026!";

let period = "";
let partnerTotal = "";
let microsoftCost = "";
let ownInvoiceUrl = "";
let siblingInvoiceId = "";

async function expectNotFound(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
}

test("Adatum's billing admin closes a period and reads Litware's statement with Microsoft's cost", async ({ page }) => {
  if (!litware || !sibling || !foreign) throw new Error("demo data missing the portal's customers");
  await signIn(page, `billing@${reader.partnerKey}.example`);
  await page.goto("/invoices");
  const close = page.locator('[data-testid^="close-period-"]').first();
  period = ((await close.getAttribute("data-testid")) ?? "").replace("close-period-", "");
  expect(period).toMatch(/^\d{4}-\d{2}$/);
  await close.click();
  await page.getByRole("button", { name: "Close period" }).click();
  await page.getByLabel(`Type ${period} to confirm`).fill(period);
  await page.getByRole("button", { name: "Close period" }).click();
  await expect(page.getByRole("status").getByText(new RegExp(`${period} closed: \\d+ invoices? issued`))).toBeVisible({ timeout: 60_000 });

  await page.goto(`/invoices?period=${period}`);
  const siblingRow = page.getByTestId("invoice-row").filter({ hasText: sibling.companyName });
  siblingInvoiceId = ((await siblingRow.getByRole("link").getAttribute("href")) ?? "").split("/").at(-1) ?? "";
  expect(siblingInvoiceId).not.toBe("");

  await page.goto(`/customers/${litware.id}/statement?period=${period}`);
  partnerTotal = (await page.getByTestId("statement-total").textContent()) ?? "";
  microsoftCost = (await page.getByTestId("statement-cost").textContent()) ?? "";
  expect(partnerTotal).not.toBe("");
  expect(partnerTotal).not.toBe(microsoftCost);
});

test("Adatum's admin agent uploads a logo in Settings → Organization", async ({ page }) => {
  await signIn(page, `admin@${reader.partnerKey}.example`);
  await page.goto("/settings/organization");
  const form = page.getByRole("form", { name: "Upload a logo" });
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#0a5"/></svg>';
  await form.getByLabel("Logo file").setInputFiles({ name: "logo.svg", mimeType: "image/svg+xml", buffer: Buffer.from(svg) });
  await form.getByRole("button", { name: "Upload logo" }).click();
  await expect(page.getByTestId("current-logo")).toBeVisible();
});

test("Litware's reader sees only Litware, at Adatum's prices, never a cost or margin", async ({ page }) => {
  await signIn(page, reader.email);
  await expect(page).toHaveURL(/\/my\/costs$/);
  await expect(page.getByTestId("partner-name")).toHaveText(partnerName);
  await expect(page.getByTestId("partner-logo")).toBeVisible();
  expect((await page.request.get("/api/partner-logo")).headers()["content-type"]).toBe("image/svg+xml");
  await expect(page.getByTestId("customer-name")).toContainText(reader.customerName);

  await page.goto(`/my/statement?period=${period}`);
  await expect(page.getByTestId("statement-total")).toHaveText(partnerTotal);
  await expect(page.getByTestId("statement-cost")).toHaveCount(0);
  await expect(page.getByTestId("statement-margin")).toHaveCount(0);
  await expect(page.getByText(/Microsoft cost|Margin/)).toHaveCount(0);

  await page.goto(`/my/costs?period=${period}`);
  await expect(page.getByTestId("portal-months")).toBeVisible();
  await expect(page.getByTestId("usage-chart").first()).toBeVisible();
  await expect(page.getByTestId("accumulated-chart")).toBeVisible();
  await expect(page.getByTestId("portal-total")).toContainText(partnerTotal);
  await expect(page.getByTestId("portal-chart-total")).toContainText(partnerTotal);
  await expect(page.getByText(/Microsoft cost|Margin/)).toHaveCount(0);
  await page.getByLabel("Group by").selectOption("subscription");
  await expect(page.getByTestId("portal-chart-total")).toContainText(partnerTotal);
  const download = page.waitForEvent("download");
  await page.getByTestId("usage-csv-daily").click();
  expect((await download).suggestedFilename()).toMatch(new RegExp(`^usage_daily_.*_${period}\\.csv$`));
  const daily = await page.request.get(`/api/my/usage?period=${period}&grain=daily`);
  expect(daily.status()).toBe(200);
  const dailyText = await daily.text();
  expect(dailyText.split("\n")[0]).toMatch(/^UsageDate,CustomerName,/);
  expect(dailyText.split("\n")[0]).not.toMatch(/MicrosoftCost|Margin/);
  expect(dailyText).toContain(reader.customerName);
  expect(dailyText).not.toContain(sibling?.companyName ?? "?");
  const csv = await page.request.get(`/api/my/usage?period=${period}`);
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text.split("\n")[0]).not.toMatch(/MicrosoftCost|Margin/);
  expect(text).toContain(reader.customerName);
  expect(text).not.toContain(sibling?.companyName ?? "?");

  await page.goto("/my/invoices");
  const rows = page.getByTestId("invoice-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(reader.customerName);
  await expect(page.getByText("Microsoft cost")).toHaveCount(0);
  ownInvoiceUrl = (await rows.first().getByRole("link").getAttribute("href")) ?? "";
  await page.goto(ownInvoiceUrl);
  await expect(page.getByRole("heading", { name: /^Invoice / })).toBeVisible();
  await expect(page.getByText(/Microsoft cost|Margin/)).toHaveCount(0);
  const pdf = await page.request.get(`/api/my/invoices/${ownInvoiceUrl.split("/").at(-1)}/pdf`);
  expect(pdf.status()).toBe(200);
});

test("Litware's reader gets 404 for partner pages and APIs and for other customers' URLs and files", async ({ page }) => {
  if (!litware || !sibling || !foreign) throw new Error("demo data missing the portal's customers");
  await signIn(page, reader.email);
  for (const path of [
    "/dashboard",
    "/customers",
    `/customers/${litware.id}`,
    `/customers/${litware.id}/statement?period=${period}`,
    `/customers/${sibling.id}/statement?period=${period}`,
    `/customers/${foreign.id}`,
    "/invoices",
    `/invoices/${siblingInvoiceId}`,
    "/billing",
    "/cost-analysis",
    "/settings/users",
    "/settings/api-tokens",
    `/my/invoices/${siblingInvoiceId}`,
  ]) {
    await expectNotFound(page, path);
  }
  for (const path of [
    `/api/statements/${litware.id}?period=${period}`,
    `/api/statements/${sibling.id}?period=${period}`,
    "/api/invoices",
    `/api/invoices/${siblingInvoiceId}/pdf`,
    `/api/my/invoices/${siblingInvoiceId}/pdf`,
    `/api/cost-analysis?customerId=${litware.id}`,
    "/api/customers/export",
    `/api/billing/recon?period=${period}`,
  ]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(404);
  }
});

test("partner users get 404 for the customer portal", async ({ page }) => {
  await signIn(page, `admin@${reader.partnerKey}.example`);
  await expectNotFound(page, "/my/costs");
  expect((await page.request.get(`/api/my/usage?period=${period}`)).status()).toBe(404);
});

test("an admin agent invites a customer reader, who accepts and lands in the portal", async ({ page }) => {
  if (!sibling) throw new Error("demo data missing a sibling customer");
  const email = `it-${Date.now()}@${sibling.domain.split(".")[0]}.example`;
  await signIn(page, `admin@${reader.partnerKey}.example`);
  await page.goto("/settings/users");
  const form = page.getByRole("form", { name: "Invite a customer's user" });
  await form.getByLabel("Customer").selectOption(sibling.id);
  await form.getByLabel("Name").fill("Pat Reader");
  await form.getByLabel("Email").fill(email);
  await form.getByRole("button", { name: "Invite customer reader" }).click();
  const link = page.getByTestId("invite-link");
  await expect(link).toHaveValue(/\/invite\/sci_[A-Za-z0-9_-]{43}$/);
  const inviteLink = await link.inputValue();
  await page.reload();
  await expect(page.getByRole("table", { name: "Pending invitations" }).getByText(email)).toBeVisible();
  await signOut(page);

  await page.goto(inviteLink);
  await expect(page.getByRole("heading", { level: 1, name: `Join ${partnerName}` })).toBeVisible();
  await expect(page.getByText(sibling.companyName)).toBeVisible();
  const accept = page.getByRole("form", { name: "Accept invitation" });
  await accept.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await accept.getByLabel("Repeat password").fill(PASSWORD);
  await accept.getByRole("button", { name: "Create account and sign in" }).click();
  await expect(page.getByTestId("customer-name")).toContainText(sibling.companyName, { timeout: 45_000 });
  await expect(page).toHaveURL(/\/my\/costs/);
});
