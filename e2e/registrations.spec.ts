// End to end: a distributor admin registers a stamp by pasting its registration token, requests
// multi-tenancy approval, an operator approves, the admin adds two of its resellers' customers'
// tenants (one from the registration page, one from the customer page), tries a foreign partner's
// subscription (InvalidCustomerSubscriptionId, as for an unknown one), replaces one tenant's
// subscription and removes the other.
// Each run registers a fresh CloudDeploymentID, so reruns against the same database don't collide.
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_CUSTOMERS, DEMO_OPERATOR_EMAIL, DEMO_PASSWORD, DEMO_SUBSCRIPTIONS } from "../prisma/seed/demo-data";
import { encodeRegistrationToken } from "../lib/registrations/encode-registration-token";

const ADMIN_EMAIL = "admin@northwind.example";

/** A demo customer and its CSP subscriptions, by company name (ids come from the seed's data). */
function demoCustomer(companyName: string) {
  const customer = DEMO_CUSTOMERS.find((candidate) => candidate.companyName === companyName);
  if (!customer) throw new Error(`demo customer ${companyName} not found`);
  const subscriptions = DEMO_SUBSCRIPTIONS.filter((subscription) => subscription.customerId === customer.id);
  return { ...customer, subscriptions };
}

// Reseller customers with two CSP subscriptions each (Contoso's and Fabrikam's), and a customer of
// the direct CSP Adatum: its subscription rolls up to another CSP partner.
const alpine = demoCustomer("Alpine Ski House");
const kestrel = demoCustomer("Kestrel Engineering plc");
const litware = demoCustomer("Litware, Inc.");
const northwindApss = DEMO_SUBSCRIPTIONS.find(
  (subscription) => subscription.type === "APSS" && subscription.rollsUpToPartnerId === alpine.subscriptions[0].rollsUpToPartnerId,
);

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
}

const tenantRows = (page: Page) => page.getByTestId("tenant-row");

/** The searchable subscription picker: type the id, choose the one option it leaves. */
async function pickSubscription(page: Page, subscriptionId: string) {
  await page.getByRole("combobox", { name: "Customer subscription" }).fill(subscriptionId);
  await page.getByRole("listbox", { name: "Customer subscription" }).getByRole("option").filter({ hasText: subscriptionId }).click();
}

test("a distributor registers a stamp, gets multi-tenancy approved and manages customer tenants", async ({ page, browser }) => {
  test.setTimeout(180_000);
  expect(northwindApss, "Northwind's APSS subscription in the demo data").toBeDefined();
  const cloudDeploymentId = randomUUID();
  const registrationName = `azurestack-${cloudDeploymentId}`;
  const stampName = `E2E stamp ${cloudDeploymentId.slice(0, 8)}`;

  await test.step("the admin registers the stamp by pasting its registration token", async () => {
    await signIn(page, ADMIN_EMAIL);
    await page.goto("/registrations/new");
    // The guidance: a distributor should register with APSS, which is preselected.
    await expect(page.getByRole("radio", { name: /Azure Partner Shared Services \(APSS\)/ })).toBeChecked();
    await expect(page.getByLabel("Default subscription", { exact: true })).toHaveValue(northwindApss!.id);
    await expect(page.getByRole("radio", { name: "Paste its registration token (recommended)" })).toBeChecked();
    const token = encodeRegistrationToken({
      CloudId: cloudDeploymentId,
      ObjectId: randomUUID(),
      BillingModel: "PayAsYouUse",
      UsageReportingEnabled: true,
      MarketplaceSyndicationEnabled: false,
      AgreementNumber: null,
    });
    // A cut-short paste is explained at once; the whole token (wrapped as PowerShell wraps it) is read back.
    await page.getByRole("textbox", { name: "Registration token" }).fill(token.slice(0, 20));
    await expect(page.getByText("The registration token is not valid")).toBeVisible();
    await page.getByRole("textbox", { name: "Registration token" }).fill(token.replace(/(.{64})/g, "$1\n"));
    const reading = page.getByRole("definition").filter({ hasText: cloudDeploymentId });
    await expect(reading).toBeVisible();
    await expect(page.getByLabel("What the token says")).toContainText("Pay-as-you-use");
    await page.getByLabel("Stamp name").fill(stampName);
    await page.getByLabel("Region", { exact: true }).fill("local");
    await expect(page.getByTestId("registration-resource-id")).toContainText(
      `/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/${registrationName}`,
    );
    await page.getByRole("button", { name: "Register stamp" }).click();

    await expect(page).toHaveURL(/\/registrations\/(?!new$)[a-z0-9]+$/);
    await expect(page.getByRole("heading", { level: 1, name: stampName })).toBeVisible();
    await expect(page.getByTestId("unregistered-usage")).toContainText(
      `billed to the default subscription ${northwindApss!.displayName} (${northwindApss!.id})`,
    );
  });
  const registrationUrl = page.url();
  const registrationId = registrationUrl.split("/").pop()!;

  await test.step("adding a tenant before approval is refused with UnauthorizedCspRegistration", async () => {
    await pickSubscription(page, alpine.subscriptions[0].id);
    await page.getByRole("button", { name: "Add tenant" }).click();
    await expect(page.getByTestId("registration-error")).toHaveAttribute("data-code", "UnauthorizedCspRegistration");
    await expect(tenantRows(page)).toHaveCount(0);
  });

  await test.step("the admin requests multi-tenancy approval", async () => {
    await expect(page.getByTestId("multi-tenancy-state")).toHaveText("Not requested");
    await page.getByRole("button", { name: "Request approval" }).click();
    await expect(page.getByTestId("multi-tenancy-state")).toHaveText("Pending approval");
    const email = page.getByTestId("approval-email");
    await expect(email).toContainText("To: azstCSP@microsoft.com");
    await expect(email).toContainText(`Registration name: ${registrationName}`);
    await expect(email).toContainText("Resource group: azurestack");
    await expect(email).toContainText(`Subscription ID: ${northwindApss!.id}`);
    await expect(page.getByRole("link", { name: "Open in your mail app" })).toHaveAttribute("href", /^mailto:azstCSP@microsoft\.com\?subject=/);
  });

  await test.step("an operator approves the request", async () => {
    const operatorContext = await browser.newContext();
    try {
      const operator = await operatorContext.newPage();
      await signIn(operator, DEMO_OPERATOR_EMAIL);
      await operator.getByRole("link", { name: "Approvals" }).click();
      const request = operator.getByRole("article", { name: registrationName });
      await expect(request).toContainText(northwindApss!.id);
      await expect(request).toContainText("Northwind Cloud Distribution");
      await request.getByRole("button", { name: "Approve" }).click();
      await expect(operator.getByRole("status")).toContainText(`Approved ${registrationName}`);
      await expect(request).toHaveCount(0);
    } finally {
      await operatorContext.close();
    }
  });

  await test.step("the admin sees the approval", async () => {
    await page.reload();
    await expect(page.getByTestId("multi-tenancy-state")).toHaveText("Approved");
  });

  await test.step("the admin adds a Contoso customer's tenant from the registration page", async () => {
    await pickSubscription(page, alpine.subscriptions[0].id);
    await page.getByRole("button", { name: "Add tenant" }).click();
    await expect(page.getByTestId("notice")).toContainText("Added");
    await expect(tenantRows(page)).toHaveCount(1);
    await expect(tenantRows(page).first()).toHaveAttribute("data-subscription-id", alpine.subscriptions[0].id);
  });

  await test.step("and a Fabrikam customer's tenant from the customer's page", async () => {
    await page.goto(`/customers/${kestrel.id}`);
    const form = page.getByRole("form", { name: "Add to registration" });
    await form.getByLabel("Registration").selectOption(registrationId);
    await form.getByLabel("Bill usage to").selectOption(kestrel.subscriptions[0].id);
    await form.getByRole("button", { name: "Add to registration" }).click();
    await expect(page.getByTestId("notice")).toContainText("Added");
    await expect(page.getByRole("table", { name: "Registrations of this customer's tenant" })).toContainText(registrationName);
  });

  await test.step("a foreign partner's subscription is refused as if it didn't exist (InvalidCustomerSubscriptionId)", async () => {
    await page.goto(registrationUrl);
    await expect(tenantRows(page)).toHaveCount(2);
    await page.getByLabel("Or paste a subscription ID").fill(litware.subscriptions[0].id);
    await page.getByRole("button", { name: "Add tenant" }).click();
    const error = page.getByTestId("registration-error");
    await expect(error).toHaveAttribute("data-code", "InvalidCustomerSubscriptionId");
    await expect(error).toContainText(`The '${litware.subscriptions[0].id}' is not valid. Make sure a valid Azure subscription is provided.`);
    await expect(error).not.toContainText(litware.companyName);
    await expect(error).toContainText("What to do");
    await expect(tenantRows(page)).toHaveCount(2);
  });

  await test.step("the admin replaces the Contoso tenant's subscription", async () => {
    await page.getByLabel("Or paste a subscription ID").fill("");
    await pickSubscription(page, alpine.subscriptions[1].id);
    await page.getByRole("button", { name: "Add tenant" }).click();
    await expect(page.getByTestId("notice")).toContainText(
      `Replaced: the tenant's usage is now billed to ${alpine.companyName} — ${alpine.subscriptions[1].displayName}`,
    );
    await expect(tenantRows(page)).toHaveCount(2);
    await expect(page.locator(`[data-testid="tenant-row"][data-subscription-id="${alpine.subscriptions[1].id}"]`)).toBeVisible();
    await expect(page.locator(`[data-testid="tenant-row"][data-subscription-id="${alpine.subscriptions[0].id}"]`)).toHaveCount(0);
  });

  await test.step("the admin removes the Fabrikam tenant", async () => {
    const row = tenantRows(page).filter({ hasText: kestrel.companyName });
    await row.getByRole("button", { name: "Remove" }).click();
    await row.getByRole("button", { name: "Confirm remove" }).click();
    await expect(tenantRows(page)).toHaveCount(1);
    await expect(tenantRows(page).first()).toContainText(alpine.companyName);
  });

  await test.step("verifying: the kept tenant is found, the removed one is CustomerSubscriptionNotFound", async () => {
    await tenantRows(page).first().getByRole("button", { name: "Verify" }).click();
    await expect(page.getByTestId("notice")).toContainText("Verified: ");
    const verify = page.getByRole("form", { name: "Verify a customer subscription" });
    await verify.getByLabel("Subscription ID to verify").fill(kestrel.subscriptions[0].id);
    await verify.getByRole("button", { name: "Verify" }).click();
    await expect(verify.getByTestId("registration-error")).toHaveAttribute("data-code", "CustomerSubscriptionNotFound");
  });
});
