// An admin agent connects a registration to its stamp: the stamp simulator over HTTPS with its own
// CA and AD FS-style sign-in (as a disconnected Azure Stack Hub), the CA pasted in the form, Test
// connection succeeds step by step; a wrong secret shows the identity provider's own error code.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { buildWorld, createStampApi, guidFor, syntheticTenants } from "../lib/stamp-simulator";
import { createStampIdentity } from "../lib/stamp-simulator/stamp-identity";
import { createStampCertificate } from "../lib/stamp-simulator/stamp-certificate";
import { serveHandler, type RunningServer } from "../lib/stamp-simulator/http-server";
import { DEMO_REGISTRATIONS } from "../prisma/seed/registrations-demo";
import { signIn } from "./support/sign-in";

const registration = DEMO_REGISTRATIONS.find((candidate) => candidate.partnerKey === "adatum")!;
const CLIENT = randomUUID();
const SECRET = `secret-${randomUUID()}`;
const PROVIDER = guidFor("e2e-connection:provider");
let stamp: RunningServer;
let caPem: string;

test.beforeAll(async () => {
  const certificate = await createStampCertificate();
  caPem = certificate.caPem;
  const identity = await createStampIdentity({ system: "adfs", tenantId: "adfs", audience: `https://adminmanagement.local.azurestack.external/${randomUUID()}`, clients: [{ clientId: CLIENT, secret: SECRET }] });
  const world = buildWorld({ seed: "e2e-connection", providerSubscriptionId: PROVIDER, operatorTenantId: guidFor("op"), tenants: syntheticTenants("e2e-connection", 2), days: 2, anchor: new Date() });
  stamp = await serveHandler(createStampApi({ world, identity }), 0, "127.0.0.1", certificate);
});
test.afterAll(async () => {
  await stamp.close();
});

test("an admin connects a registration to its stamp (AD FS, the stamp's own CA) and tests it", async ({ page }) => {
  await signIn(page, "admin@adatum.example");
  await page.goto(`/registrations/${registration.id}`);
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
});
