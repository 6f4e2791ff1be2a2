// An admin agent connects a registration to its stamp: the stamp simulator over HTTPS with its own
// CA and AD FS-style sign-in (as a disconnected Azure Stack Hub), the CA pasted in the form; a
// wrong secret shows the identity provider's own error code, the right one passes Test connection
// step by step; the schedule (every few seconds in e2e) pulls the stamp and the health shows the
// newest hour and the stamp's recon file on the billing page holds its usage; the stamp goes away and the dashboard warns. The registration is the spec's own
// (created through the ARM API), so no other spec's stamp changes state.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { guidFor, type StampWorld } from "../lib/stamp-simulator";
import { type RunningServer } from "../lib/stamp-simulator/http-server";
import { DEMO_API_TOKENS } from "../prisma/seed/registrations-demo";
import { DEMO_PARTNERS, DEMO_SUBSCRIPTIONS } from "../prisma/seed/demo-data";
import { encodeRegistrationToken } from "../lib/registrations/encode-registration-token";
import { signIn } from "./support/sign-in";
import { startSignedInStamp } from "../tests/support/signed-in-stamp";

const apiToken = DEMO_API_TOKENS.find((token) => token.partnerKey === "adatum")!.token;
const apss = DEMO_SUBSCRIPTIONS.find((subscription) => subscription.type === "APSS" && subscription.rollsUpToPartnerId === DEMO_PARTNERS.adatum.id)!;
const STAMP_NAME = `E2E connected stamp ${randomUUID().slice(0, 6)}`;
let registrationId: string;
const CLIENT = randomUUID();
const SECRET = `secret-${randomUUID()}`;
const PROVIDER = guidFor("e2e-connection:provider");
let stamp: RunningServer;
let caPem: string;
let stampWorld: StampWorld;

test.beforeAll(async ({ baseURL }) => {
  const cloudId = randomUUID();
  const token = encodeRegistrationToken({
    CloudId: cloudId,
    ObjectId: randomUUID(),
    BillingModel: "PayAsYouUse",
    UsageReportingEnabled: true,
    MarketplaceSyndicationEnabled: false,
    AgreementNumber: null,
  });
  const created = await fetch(
    `${baseURL}/api/arm/subscriptions/${apss.id}/resourceGroups/e2e-connection/providers/Microsoft.AzureStack/registrations/azurestack-${cloudId}?api-version=2017-06-01`,
    {
      method: "PUT",
      headers: { authorization: `Bearer ${apiToken}`, "content-type": "application/json" },
      body: JSON.stringify({ location: "global", properties: { registrationToken: token, stampName: STAMP_NAME } }),
    },
  );
  expect(created.status).toBe(201);
  ({
    stamp,
    caPem,
    world: stampWorld,
  } = await startSignedInStamp({
    seed: "e2e-connection",
    system: "adfs",
    clients: [{ clientId: CLIENT, secret: SECRET }],
    providerSubscriptionId: PROVIDER,
  }));
});
test.afterAll(async () => {
  await stamp.close().catch(() => undefined);
});

test("an admin connects a registration to its stamp (AD FS, the stamp's own CA) and tests it", async ({ page }) => {
  await signIn(page, "admin@adatum.example");
  await page.goto("/registrations");
  await page.getByRole("link", { name: STAMP_NAME }).click();
  await expect(page.getByRole("heading", { level: 1, name: STAMP_NAME })).toBeVisible();
  registrationId = page.url().split("/").pop()!;
  const form = page.getByRole("form", { name: "Stamp connection" });
  await form.getByLabel("Admin Resource Manager endpoint").fill(stamp.url);
  await form.getByLabel("Identity system").selectOption("ADFS");
  await form.getByLabel("Application (client) id").fill(CLIENT);
  await form.getByLabel("Client secret").fill("not-the-secret");
  await form.getByLabel("Provider subscription id").fill(PROVIDER);
  await form.getByLabel("Stamp CA certificate (PEM, optional)").fill(caPem);
  await form.getByRole("button", { name: "Save connection" }).click();
  await expect(form.getByRole("status")).toHaveText("Connection saved.");

  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("connection-step-metadata")).toHaveAttribute("data-ok", "true");
  await expect(page.getByTestId("connection-step-token")).toHaveAttribute("data-ok", "false");
  await expect(page.getByTestId("connection-step-token")).toContainText("MSIS9609");

  await form.getByLabel("Client secret").fill(SECRET);
  await form.getByRole("button", { name: "Save connection" }).click();
  await expect(form.getByRole("status")).toHaveText("Connection saved.");
  await page.getByRole("button", { name: "Test connection" }).click();
  for (const step of ["metadata", "token", "usage"]) await expect(page.getByTestId(`connection-step-${step}`)).toHaveAttribute("data-ok", "true");
  // The secret never comes back to the page.
  await page.reload();
  await expect(page.locator("body")).not.toContainText(SECRET);

  // The schedule pulls the stamp: the health shows a successful pull and the newest usage hour.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("stamp-last-success")).not.toHaveText("Never", { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId("stamp-newest-hour")).toContainText("UTC");
  await page.goto("/registrations");
  await expect(page.getByRole("row", { name: new RegExp(STAMP_NAME) }).getByTestId("stamp-status")).toContainText("Usage to");

  // The collected usage is rated and billed: the stamp's recon file on the billing page holds its resources.
  const period = new Date(Date.now() - 2 * 3_600_000).toISOString().slice(0, 7);
  await page.goto(`/billing?period=${period}`);
  const stampItem = page.getByRole("listitem").filter({ hasText: STAMP_NAME });
  const [download] = await Promise.all([page.waitForEvent("download"), stampItem.getByRole("link", { name: "Download" }).click()]);
  const recon = await readFile((await download.path()) ?? "", "utf8");
  expect(recon.trim().split("\n").length).toBeGreaterThan(1);
  expect(stampWorld.resources.some((resource) => recon.includes(resource.resourceUri))).toBe(true);

  // The stamp goes away: the next pulls fail and the dashboard says so.
  await stamp.close();
  await expect(async () => {
    await page.goto("/dashboard");
    await expect(page.getByTestId("stamp-problems")).toContainText(STAMP_NAME, { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await page.goto(`/registrations/${registrationId}`);
  await expect(page.getByTestId("stamp-health")).toHaveAttribute("data-problem", "failing");
});
