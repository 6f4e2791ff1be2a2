// Alerts end to end: Adatum's billing admin sets the budget thresholds and anomaly parameters and
// adds a webhook (a receiver in this test process that checks every request's HMAC signature);
// an ingest through the public ingest API (the registration's ingestion key) that more than
// doubles a customer's yesterday raises an anomaly alert, seconds later: it is in the
// notifications list with its rule, is marked read, and its webhook delivery is in the delivery
// log with HTTP 200. The webhook is deleted at the end, so other specs' ingests don't queue for it.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { ALERT_SIGNATURE_HEADER, verifyAlertSignature } from "../lib/alerts/sign-alert-payload";
import { DEMO_CUSTOMERS } from "../prisma/seed/demo-data";
import { DEMO_INGESTION_KEYS } from "../prisma/seed/usage-demo";
import { demoStampTenants } from "../prisma/seed/usage-history-demo";
import { signIn } from "./support/sign-in";

const REGISTRATION_KEY = "adatum-seattle";
const BASE_VM_METER = "FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5";

const received: { body: string; signature: string }[] = [];
let receiver: Server;

test.beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      received.push({ body, signature: String(request.headers[ALERT_SIGNATURE_HEADER] ?? "") });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
});
test.afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

/** Yesterday's 24 hours of `quantity` base VMs on a new local subscription of the tenant. */
function yesterdaysRecords(subscriptionId: string, quantity: number) {
  const today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`).getTime();
  return Array.from({ length: 24 }, (_, hour) => {
    const start = new Date(today - 86_400_000 + hour * 3_600_000);
    const end = new Date(start.getTime() + 3_600_000);
    return {
      id: `/subscriptions/${subscriptionId}/providers/Microsoft.Commerce/UsageAggregate/${subscriptionId}-${BASE_VM_METER}`,
      name: `${subscriptionId}-${BASE_VM_METER}`,
      type: "Microsoft.Commerce/UsageAggregate",
      properties: {
        subscriptionId,
        usageStartTime: start.toISOString().replace(".000Z", "+00:00"),
        usageEndTime: end.toISOString().replace(".000Z", "+00:00"),
        instanceData: JSON.stringify({
          "Microsoft.Resources": {
            resourceUri: `/subscriptions/${subscriptionId}/resourceGroups/e2e/providers/Microsoft.Compute/virtualMachines/burst`,
            location: "seattle",
            additionalInfo: { ServiceType: "Standard_D2" },
          },
        }),
        quantity,
        meterId: BASE_VM_METER,
      },
    };
  });
}

test("a billing admin's thresholds and webhook; an ingest doubling a customer's day raises one anomaly, notified and delivered signed", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const ingestionKey = DEMO_INGESTION_KEYS.find((row) => row.registrationKey === REGISTRATION_KEY);
  const tenant = demoStampTenants(REGISTRATION_KEY)[0];
  const customer = DEMO_CUSTOMERS.find((row) => row.tenantId === tenant?.tenantId);
  if (!ingestionKey || !tenant || !customer) throw new Error("no demo ingestion key / tenant / customer");

  await signIn(page, "billing@adatum.example");

  // Settings → Alerts.
  await page.goto("/settings/alerts");
  const settings = page.getByRole("form", { name: "Alert settings" });
  await settings.getByLabel("Thresholds (% of the monthly budget)").fill("50, 90, 100");
  await settings.getByLabel("On the month to date (actual)").check();
  await settings.getByLabel("On the month-end forecast").check();
  await settings.getByLabel("Factor k").fill("2");
  await settings.getByLabel("Baseline days").fill("14");
  // The demo customers' days cost a few dollars at Adatum's prices: a minimum of 1.00.
  await settings.getByLabel(/^Minimum amount/).fill("1");
  await settings.getByRole("button", { name: "Save alert settings" }).click();
  await expect(page.getByText("Alert settings saved.")).toBeVisible();

  // Settings → Webhooks: the secret is shown once.
  await page.goto("/settings/webhooks");
  const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/stackcenter`;
  await page.getByLabel("Webhook URL").fill(webhookUrl);
  await page.getByRole("button", { name: "Add webhook" }).click();
  const secret = await page.getByTestId("webhook-secret").inputValue();
  expect(secret).toMatch(/^whsec_/);
  await expect(page.getByRole("table", { name: "Webhooks" }).getByText(webhookUrl)).toBeVisible();

  // The ingest: 20 base VMs all day yesterday on a new local subscription of the customer (480
  // VM hours, 3.84 at Adatum's prices), on top of its usual ~1.70 a day: above 2 × its median.
  const localSubscriptionId = `e2e-alerts-${Date.now()}`;
  const headers = { authorization: `Bearer ${ingestionKey.key}` };
  const sync = await request.put("/api/usage/local-subscriptions", {
    headers,
    data: { value: [{ subscriptionId: localSubscriptionId, tenantId: tenant.tenantId, isProviderSubscription: false, displayName: "E2E burst" }] },
  });
  expect(sync.ok()).toBe(true);
  const ingest = await request.post("/api/usage/ingest", { headers, data: { value: yesterdaysRecords(localSubscriptionId, 20) } });
  expect(ingest.ok()).toBe(true);
  expect(await ingest.json()).toMatchObject({ accepted: 24, rejected: 0 });

  // Seconds later: the anomaly is in the notifications list, with its rule and parameters.
  const anomaly = page.getByTestId("notification").filter({ hasText: "Anomaly" }).filter({ hasText: customer.companyName });
  await expect(async () => {
    await page.goto("/notifications");
    await expect(anomaly).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(anomaly).toContainText("k = 2");
  await expect(anomaly).toContainText("14-day median");
  await expect(page.getByTestId("notifications-link")).toContainText(/\d/);
  await expect(anomaly).toHaveAttribute("data-read", "false");
  await anomaly.getByRole("button", { name: "Mark read" }).click();
  await expect(anomaly).toHaveAttribute("data-read", "true");

  // The webhook got it, signed with the secret shown once.
  await expect.poll(() => received.filter((entry) => entry.body.includes('"alert.anomaly"')).length, { timeout: 30_000 }).toBe(1);
  const now = Math.floor(Date.now() / 1000);
  for (const entry of received) expect(verifyAlertSignature(secret, entry.body, entry.signature, now)).toBe(true);
  const body = JSON.parse(received.find((entry) => entry.body.includes('"alert.anomaly"'))?.body ?? "{}") as { customer: { companyName: string } };
  expect(body.customer.companyName).toBe(customer.companyName);

  // The delivery log: delivered, HTTP 200.
  await page.goto("/settings/webhooks");
  const delivery = page.getByTestId("delivery-row").filter({ hasText: "Anomaly" }).filter({ hasText: customer.companyName });
  await expect(delivery).toContainText("Delivered");
  await expect(delivery).toContainText("HTTP 200");

  await page.getByRole("button", { name: `Delete ${webhookUrl}` }).click();
  await page.getByRole("button", { name: "Delete webhook" }).click();
  await expect(page.getByText("No webhooks yet.")).toBeVisible();
});

test("the alerts pages have no axe violations", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "admin@adatum.example");
  for (const path of ["/notifications", "/settings/alerts", "/settings/webhooks"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(
      results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`),
      path,
    ).toEqual([]);
  }
});
