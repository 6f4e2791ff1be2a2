// Tenant isolation through the real UI: for each partner kind and role, another partner's records
// are unreachable by URL (404, nothing leaked), and role-restricted pages are refused (403).
import { expect, test, type Page } from "@playwright/test";
import { DEMO_CUSTOMER_READERS, DEMO_CUSTOMERS, DEMO_PARTNERS, DEMO_SIGN_INS, type DemoPartnerKey } from "../prisma/seed/demo-data";
import { DEMO_API_TOKENS, DEMO_REGISTRATIONS } from "../prisma/seed/registrations-demo";
import { signIn } from "./support/sign-in";

const VISIBLE: Record<DemoPartnerKey, DemoPartnerKey[]> = {
  northwind: ["northwind", "contoso", "fabrikam", "tailspin"],
  contoso: ["contoso"],
  fabrikam: ["fabrikam"],
  tailspin: ["tailspin"],
  adatum: ["adatum"],
};

const ROLE_PAGES: Record<string, { allowed: string[]; forbidden: string[] }> = {
  ADMIN_AGENT: {
    allowed: ["/customers", "/registrations", "/registrations/new", "/billing", "/usage", "/price-list", "/settings/api-tokens", "/settings/users", "/audit"],
    // A distributor's admin agents open /partners (their resellers): see DISTRIBUTOR_ADMIN_PAGES.
    forbidden: ["/partners", "/partners/new", "/operator/approvals"],
  },
  BILLING_ADMIN: {
    allowed: ["/customers", "/registrations", "/billing", "/usage", "/price-list", "/audit"],
    forbidden: ["/partners", "/customers/new", "/registrations/new", "/settings/api-tokens", "/settings/users", "/operator/approvals"],
  },
  SALES_AGENT: {
    allowed: ["/customers", "/customers/new", "/price-list"],
    forbidden: ["/registrations", "/billing", "/usage", "/partners", "/settings/api-tokens", "/settings/users", "/operator/approvals", "/audit"],
  },
};

/** Reseller management is a distributor's: its admin agents open these, other partners' don't. */
const DISTRIBUTOR_ADMIN_PAGES = ["/partners", "/partners/new"];

function rolePages(viewer: DemoPartnerKey, role: string) {
  const pages = ROLE_PAGES[role];
  if (DEMO_PARTNERS[viewer].kind !== "INDIRECT_PROVIDER" || role !== "ADMIN_AGENT") return pages;
  return {
    allowed: [...pages.allowed, ...DISTRIBUTOR_ADMIN_PAGES],
    forbidden: pages.forbidden.filter((path) => !DISTRIBUTOR_ADMIN_PAGES.includes(path)),
  };
}

function foreignCustomer(viewer: DemoPartnerKey) {
  const customer = DEMO_CUSTOMERS.find((c) => !VISIBLE[viewer].includes(c.partnerKey));
  if (!customer) throw new Error(`no customer foreign to ${viewer}`);
  return customer;
}

async function expectNotFound(page: Page, path: string, leaked: string) {
  const response = await page.goto(path);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByText(leaked)).toHaveCount(0);
}

for (const user of DEMO_SIGN_INS.filter((u) => u.role !== "OPERATOR")) {
  const viewer = (Object.keys(DEMO_PARTNERS) as DemoPartnerKey[]).find((key) => DEMO_PARTNERS[key].name === user.partnerName);
  if (!viewer) throw new Error(`unknown partner for ${user.email}`);

  test(`${user.email}: another partner's customer is not reachable by URL; role pages enforced`, async ({ page }) => {
    await signIn(page, user.email);
    const foreign = foreignCustomer(viewer);
    await expectNotFound(page, `/customers/${foreign.id}`, foreign.companyName);
    if (user.role === "BILLING_ADMIN") {
      // No write permission: the edit page refuses before it looks anything up.
      await page.goto(`/customers/${foreign.id}/edit`);
      await expect(page).toHaveURL(/\/forbidden/);
      await expect(page.getByText(foreign.companyName)).toHaveCount(0);
    } else {
      await expectNotFound(page, `/customers/${foreign.id}/edit`, foreign.companyName);
    }

    // The customer's usage and cost charts: not found for billing roles, refused for sales agents.
    if (user.role === "SALES_AGENT") {
      await page.goto(`/customers/${foreign.id}/usage`);
      await expect(page).toHaveURL(/\/forbidden/);
    } else {
      await expectNotFound(page, `/customers/${foreign.id}/usage`, foreign.companyName);
    }

    // The list never shows foreign customers, whatever the URL asks for.
    await page.goto(`/customers?q=${encodeURIComponent(foreign.companyName)}&reseller=${foreign.partnerId}`);
    await expect(page.getByRole("link", { name: foreign.companyName })).toHaveCount(0);

    // Another partner's registration: not found for roles that read registrations, refused otherwise.
    const foreignRegistration = DEMO_REGISTRATIONS.find((r) => !VISIBLE[viewer].includes(r.partnerKey));
    if (!foreignRegistration) throw new Error(`no registration foreign to ${viewer}`);
    for (const path of [`/registrations/${foreignRegistration.id}`, `/registrations/${foreignRegistration.id}/edit`]) {
      const readsOnly = user.role === "BILLING_ADMIN" && path.endsWith("/edit");
      if (user.role === "SALES_AGENT" || readsOnly) {
        await page.goto(path);
        await expect(page).toHaveURL(/\/forbidden/);
        await expect(page.getByText(foreignRegistration.stampName)).toHaveCount(0);
      } else {
        await expectNotFound(page, path, foreignRegistration.stampName);
      }
    }

    // Another partner's page under Resellers: not found for a distributor's admin (a direct CSP is
    // not its reseller), refused for everyone else.
    const foreignPartner = (Object.keys(DEMO_PARTNERS) as DemoPartnerKey[]).find((key) => !VISIBLE[viewer].includes(key));
    if (!foreignPartner) throw new Error(`no partner foreign to ${viewer}`);
    if (DEMO_PARTNERS[viewer].kind === "INDIRECT_PROVIDER" && user.role === "ADMIN_AGENT") {
      await expectNotFound(page, `/partners/${DEMO_PARTNERS[foreignPartner].id}`, DEMO_PARTNERS[foreignPartner].name);
    } else {
      await page.goto(`/partners/${DEMO_PARTNERS[foreignPartner].id}`);
      await expect(page).toHaveURL(/\/forbidden/);
      await expect(page.getByText(DEMO_PARTNERS[foreignPartner].name)).toHaveCount(0);
    }

    const pages = rolePages(viewer, user.role);
    for (const path of pages.allowed) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(page).toHaveURL(new RegExp(`${path.replace(/\//g, "\\/")}$`));
    }
    for (const path of pages.forbidden) {
      await page.goto(path);
      await expect(page, path).toHaveURL(/\/forbidden/);
      await expect(page.getByRole("heading", { name: "Your role can't open this page" })).toBeVisible();
    }
  });
}

test("a reseller's own customers are visible to it, its sibling's are not", async ({ page }) => {
  await signIn(page, "admin@contoso.example");
  const own = DEMO_CUSTOMERS.find((c) => c.partnerKey === "contoso");
  const sibling = DEMO_CUSTOMERS.find((c) => c.partnerKey === "fabrikam");
  if (!own || !sibling) throw new Error("demo data missing reseller customers");
  await page.goto(`/customers/${own.id}`);
  await expect(page.getByRole("heading", { level: 1, name: own.companyName })).toBeVisible();
  await expectNotFound(page, `/customers/${sibling.id}`, sibling.companyName);
});

test("a signed-out visitor reaches nothing", async ({ page }) => {
  const customer = DEMO_CUSTOMERS[0];
  await page.goto(`/customers/${customer.id}`);
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByText(customer.companyName)).toHaveCount(0);
});

test("an API token reaches only its own partner's registrations", async ({ request }) => {
  const token = (key: DemoPartnerKey) => DEMO_API_TOKENS.find((t) => t.partnerKey === key)?.token ?? "";
  const adatum = DEMO_REGISTRATIONS.find((r) => r.partnerKey === "adatum");
  const northwind = DEMO_REGISTRATIONS.find((r) => r.partnerKey === "northwind");
  if (!adatum || !northwind) throw new Error("demo registrations missing");
  const path = (r: typeof adatum) =>
    `/api/arm/subscriptions/${r.subscriptionId}/resourceGroups/${r.resourceGroup}/providers/Microsoft.AzureStack/registrations/${r.name}/customerSubscriptions?api-version=2017-06-01`;

  const own = await request.get(path(adatum), { headers: { authorization: `Bearer ${token("adatum")}` } });
  expect(own.status()).toBe(200);
  for (const [key, registration] of [
    ["northwind", adatum],
    ["contoso", adatum],
    ["adatum", northwind],
    ["contoso", northwind],
  ] as const) {
    const response = await request.get(path(registration), { headers: { authorization: `Bearer ${token(key)}` } });
    expect(response.status(), `${key} → ${registration.partnerKey}`).toBe(404);
    const body = (await response.json()) as { error: { code: string }; value?: unknown };
    expect(body.error.code).toBe("RegistrationNotFound");
    expect(body.value).toBeUndefined();
  }
  const anonymous = await request.get(path(adatum));
  expect(anonymous.status()).toBe(401);
});

test("operators approve registrations; partners cannot open the operator views", async ({ page }) => {
  await signIn(page, "operator@microsoft.example");
  const response = await page.goto("/operator/approvals");
  expect(response?.status()).toBe(200);
  await page.goto("/customers/new");
  await expect(page).toHaveURL(/\/forbidden/);
});

// A customer reader (docs/customer-portal.md): every partner page, its own customer's included,
// and every other customer's or partner's record is 404; its own portal opens. Its partner's API
// token, a registration and the operator views are not reachable by its session either.
test("a customer reader reaches only its own customer portal; every partner URL is 404", async ({ page }) => {
  const reader = DEMO_CUSTOMER_READERS[0];
  await signIn(page, reader.email);
  const own = DEMO_CUSTOMERS.find((c) => c.id === reader.customerId);
  const sibling = DEMO_CUSTOMERS.find((c) => c.partnerKey === reader.partnerKey && c.id !== reader.customerId);
  const foreign = DEMO_CUSTOMERS.find((c) => c.partnerKey !== reader.partnerKey);
  const registration = DEMO_REGISTRATIONS.find((r) => r.partnerKey === reader.partnerKey);
  if (!own || !sibling || !foreign || !registration) throw new Error("demo data missing");
  for (const path of [
    "/dashboard",
    `/customers/${own.id}`,
    `/customers/${sibling.id}`,
    `/customers/${foreign.id}/usage`,
    `/registrations/${registration.id}`,
    `/partners/${DEMO_PARTNERS[reader.partnerKey].id}`,
    "/operator/approvals",
    "/audit",
    "/price-list",
  ]) {
    await expectNotFound(page, path, sibling.companyName);
  }
  for (const path of ["/api/customers/export", "/api/audit/export", `/api/statements/${own.id}?period=2026-01`]) {
    expect((await page.request.get(path)).status(), path).toBe(404);
  }
  expect((await page.goto("/my/costs"))?.status()).toBe(200);
  await expect(page.getByTestId("customer-name")).toContainText(own.companyName);
});
