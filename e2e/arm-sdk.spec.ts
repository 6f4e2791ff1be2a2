// Microsoft's @azure/arm-azurestack against the running portal (next start, on PGlite or
// PostgreSQL): registration create → get → list → tags → activation key → delete with the demo
// direct CSP's API token, a customer subscription refused until multi-tenancy is approved, and
// what Next's router must not get in the way of: case-insensitive ARM paths, ARM JSON (never
// HTML) for unknown paths, methods and malformed percent-encoding.
import { randomUUID } from "node:crypto";
import { AzureStackManagementClient } from "@azure/arm-azurestack";
import { expect, test } from "@playwright/test";
import { DEMO_PARTNERS, DEMO_SUBSCRIPTIONS } from "../prisma/seed/demo-data";
import { DEMO_API_TOKENS } from "../prisma/seed/registrations-demo";
import { encodeRegistrationToken } from "../lib/registrations/encode-registration-token";

const apiToken = DEMO_API_TOKENS.find((token) => token.partnerKey === "adatum")!.token;
const apss = DEMO_SUBSCRIPTIONS.find((subscription) => subscription.type === "APSS" && subscription.rollsUpToPartnerId === DEMO_PARTNERS.adatum.id)!;
const litware = DEMO_SUBSCRIPTIONS.find(
  (subscription) => subscription.type === "CSP" && subscription.rollsUpToPartnerId === DEMO_PARTNERS.adatum.id && subscription.customerId,
)!;

test("Microsoft's SDK manages a registration on the running portal", async ({ baseURL }) => {
  const client = new AzureStackManagementClient({ getToken: async () => ({ token: apiToken, expiresOnTimestamp: Date.now() + 3_600_000 }) }, apss.id, {
    baseUri: `${baseURL}/api/arm`,
    noRetryPolicy: true,
  });
  const cloudId = randomUUID();
  const name = `azurestack-${cloudId}`;
  const registrationToken = encodeRegistrationToken({
    CloudId: cloudId,
    ObjectId: randomUUID(),
    BillingModel: "PayAsYouUse",
    UsageReportingEnabled: true,
    MarketplaceSyndicationEnabled: false,
    AgreementNumber: null,
  });

  const created = await client.registrations.createOrUpdate("e2e-sdk", name, { registrationToken, location: "global" });
  expect(created).toMatchObject({ name, cloudId, billingModel: "PayAsYouUse" });
  expect(created._response.status).toBe(201);
  expect(await client.registrations.get("e2e-sdk", name)).toMatchObject({ cloudId });
  expect((await client.registrations.list("e2e-sdk")).map((registration) => registration.name)).toContain(name);
  expect((await client.registrations.getActivationKey("e2e-sdk", name)).activationKey).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  expect((await client.operations.list()).length).toBeGreaterThan(5);
  expect(await client.products.list("e2e-sdk", name)).toHaveLength(0);

  const refused = await client.customerSubscriptions.create("e2e-sdk", name, litware.id, {}).catch((error: { code?: string; statusCode?: number }) => error);
  expect(refused).toMatchObject({ code: "UnauthorizedCspRegistration", statusCode: 403 });

  // Through Next's router: any casing of the path reaches the registration.
  const shouting = `${baseURL}/api/arm/SUBSCRIPTIONS/${apss.id.toUpperCase()}/resourcegroups/E2E-SDK/providers/microsoft.azurestack/Registrations/${name.toUpperCase()}?api-version=2017-06-01`;
  const got = await fetch(shouting, { headers: { authorization: `Bearer ${apiToken}` } });
  expect(got.status).toBe(200);
  expect(((await got.json()) as { id: string }).id).toBe(
    `/subscriptions/${apss.id}/resourceGroups/e2e-sdk/providers/Microsoft.AzureStack/registrations/${name}`,
  );

  expect((await client.registrations.deleteMethod("e2e-sdk", name))._response.status).toBe(200);
  expect((await client.registrations.deleteMethod("e2e-sdk", name))._response.status).toBe(204);
});

test("unknown paths, methods and broken URIs under /api/arm answer ARM JSON errors, never HTML or a 500", async ({ baseURL }) => {
  const headers = { authorization: `Bearer ${apiToken}` };
  const cases: [string, string, number, string][] = [
    ["GET", "/api/arm/nothing/here?api-version=2017-06-01", 404, "InvalidResourceType"],
    ["GET", `/api/arm/subscriptions/${apss.id}/providers/Microsoft.Compute/virtualMachines?api-version=2017-06-01`, 400, "NoRegisteredProviderFound"],
    [
      "POST",
      `/api/arm/subscriptions/${apss.id}/resourceGroups/rg/providers/Microsoft.AzureStack/registrations/x?api-version=2017-06-01`,
      405,
      "MethodNotAllowed",
    ],
    [
      "GET",
      "/api/arm/subscriptions/northwind-chicago/resourceGroups/rg/providers/Microsoft.AzureStack/registrations/x?api-version=2017-06-01",
      400,
      "InvalidSubscriptionId",
    ],
    ["GET", "/api/arm/subscriptions/%zz/resourceGroups/rg/providers/Microsoft.AzureStack/registrations/x?api-version=2017-06-01", 400, "InvalidRequestUri"],
    [
      "PATCH",
      "/api/arm/subscriptions/%ED%A0%80/resourceGroups/rg/providers/Microsoft.AzureStack/registrations/x?api-version=2017-06-01",
      400,
      "InvalidRequestUri",
    ],
  ];
  for (const [method, path, status, code] of cases) {
    const response = await fetch(`${baseURL}${path}`, { method, headers });
    expect({ path, status: response.status, type: response.headers.get("content-type") }).toMatchObject({
      path,
      status,
      type: expect.stringContaining("application/json"),
    });
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
  }
});
