// Month-end close end to end: Northwind's billing admin closes its first open period (confirm step),
// opens an invoice, downloads its PDF and sends it; the spec's SMTP sink (the e2e server sends to
// 127.0.0.1:E2E_PORT+2500) receives it with the PDF attached. Contoso's admin then sees only Contoso's
// customers' invoices, never Microsoft's cost, and another reseller's invoice is not found.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { DEMO_CUSTOMERS } from "../prisma/seed/demo-data";
import { signIn } from "./support/sign-in";
import { startSmtpSink, type SmtpSink } from "../tests/support/smtp-sink";

const SMTP_PORT = Number(process.env.E2E_PORT ?? "3100") + 2500;
const contosoCustomers = new Set(DEMO_CUSTOMERS.filter((customer) => customer.partnerKey === "contoso").map((customer) => customer.companyName));
const fabrikamCustomers = new Set(DEMO_CUSTOMERS.filter((customer) => customer.partnerKey === "fabrikam").map((customer) => customer.companyName));
let sink: SmtpSink;
let fabrikamInvoiceUrl = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  sink = await startSmtpSink({ port: SMTP_PORT });
});
test.afterAll(async () => {
  await sink?.close();
});

test("a billing admin closes a period, opens an invoice, downloads its PDF and sends it", async ({ page }) => {
  await signIn(page, "billing@northwind.example");
  await page.getByRole("link", { name: "Invoices", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Invoices", exact: true })).toBeVisible();
  const close = page.locator('[data-testid^="close-period-"]');
  await expect(close).toHaveCount(1);
  const period = ((await close.getAttribute("data-testid")) ?? "").replace("close-period-", "");
  await close.click();
  await page.getByRole("button", { name: "Close period" }).click();
  await expect(page.getByText("Type the period (YYYY-MM) to confirm")).toBeVisible();
  await page.getByLabel(`Type ${period} to confirm`).fill(period);
  await page.getByRole("button", { name: "Close period" }).click();
  await expect(page.getByRole("status").getByText(new RegExp(`${period} closed: \\d+ invoices? issued`))).toBeVisible({ timeout: 60_000 });
  const row = page.getByTestId(`history-${period}`);
  await expect(row.getByText("Closed")).toBeVisible();
  await expect(row.getByText("by an admin")).toBeVisible();

  const recon = await page.request.get(`/api/periods/${period}/recon`);
  expect(recon.status()).toBe(200);
  expect((await recon.text()).split("\n")[0]).toContain("PartnerId");

  // Remember a Fabrikam invoice for the reseller test, then open one of Contoso's.
  await page.goto(`/invoices?period=${period}`);
  const rows = page.getByTestId("invoice-row");
  await expect(rows.first()).toBeVisible();
  for (const invoiceRow of await rows.all()) {
    const customer = (await invoiceRow.locator("td").nth(2).textContent()) ?? "";
    if (fabrikamCustomers.has(customer) && !fabrikamInvoiceUrl) fabrikamInvoiceUrl = (await invoiceRow.getByRole("link").getAttribute("href")) ?? "";
  }
  expect(fabrikamInvoiceUrl).toMatch(/^\/invoices\//);
  const contosoRow = rows.filter({ hasText: [...contosoCustomers][0] });
  const number = (await contosoRow.getByRole("link").textContent()) ?? "";
  expect(number).toMatch(/^NW-\d{4}-\d{6}$/);
  await contosoRow.getByRole("link").click();
  await expect(page.getByRole("heading", { name: `Invoice ${number}` })).toBeVisible();
  await expect(page.getByTestId("invoice-lines")).toBeVisible();
  await expect(page.getByTestId("invoice-cost")).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-invoice-pdf").click()]);
  const pdf = await readFile((await download.path()) ?? "");
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");

  await page.getByTestId("send-invoice").click();
  await expect(page.getByRole("status").getByText(/Invoice sent to ap@/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("deliveries").getByText("Sent")).toBeVisible();
  await expect.poll(() => sink.messages.length).toBe(1);
  const [mail] = sink.messages;
  expect(mail.subject).toContain(`Invoice ${number}`);
  expect(mail.attachments[0].filename).toBe(`${number}.pdf`);
  expect(Buffer.compare(mail.attachments[0].content, pdf)).toBe(0);
  await expect(page.getByTestId("send-invoice")).toHaveText("Resend invoice");
});

test("a reseller sees its own customers' invoices only, without Microsoft's cost", async ({ page }) => {
  await signIn(page, "admin@contoso.example");
  await page.getByRole("link", { name: "Invoices", exact: true }).click();
  const rows = page.getByTestId("invoice-row");
  await expect(rows.first()).toBeVisible();
  for (const invoiceRow of await rows.all()) expect(contosoCustomers.has((await invoiceRow.locator("td").nth(2).textContent()) ?? "")).toBe(true);
  await expect(page.getByTestId("billing-history")).toHaveCount(0);
  await expect(page.getByText(/Microsoft cost/i)).toHaveCount(0);
  await rows.first().getByRole("link").click();
  await expect(page.getByTestId("invoice-lines")).toBeVisible();
  await expect(page.getByText(/Microsoft cost/i)).toHaveCount(0);
  await expect(page.getByTestId("send-invoice")).toHaveCount(0);

  const response = await page.goto(fabrikamInvoiceUrl);
  expect(response?.status()).toBe(404);
  const api = await page.request.get(`/api${fabrikamInvoiceUrl}`);
  expect(api.status()).toBe(404);
});
