// The indirect channel end to end: a distributor onboards a reseller and copies the one-time
// invitation link; the reseller's first admin accepts it (password set, signed in) and creates a
// customer; the link can't be used twice. Then suspension (sign-in refused with a clear message,
// an open session loses access at once, data kept) and resume, and the last-admin rule in the UI.
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PARTNERS, DEMO_PASSWORD } from "../prisma/seed/demo-data";
import { signIn, signOut } from "./support/sign-in";

const suffix = Date.now().toString(36);
const reseller = {
  name: `Litware Cloud ${suffix}`,
  // 2xxxxxx: away from the demo partners' MPN IDs.
  mpnId: String(2_000_000 + (Date.now() % 1_000_000)),
  adminName: "Ria de Vries",
  adminEmail: `ria-${suffix}@litware.example`,
};
const PASSWORD = "Litware-Admin-2026!";
const customer = { name: `Lucerne Publishing ${suffix}`, domain: `lucerne${suffix}.onmicrosoft.com` };

let inviteLink = "";

async function signInExpectingRefusal(page: Page, email: string, message: RegExp) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText(message);
  await expect(page).toHaveURL(/\/sign-in/);
}

test.describe.serial("indirect channel", () => {
  // Several sign-ins and a bcrypt hash per test, on a shared, loaded machine.
  test.describe.configure({ timeout: 120_000 });

  // A freshly started server renders its first dashboard slowly (cold caches over the seeded usage
  // history, on a shared machine): warm it once, so the flows below wait on outcomes, not on that.
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(150_000);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill("admin@northwind.example");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("signed-in-user")).toBeVisible({ timeout: 120_000 });
    await context.close();
  });

  test("a distributor onboards a reseller, whose first admin accepts the link and creates a customer", async ({ page }) => {
    await signIn(page, "admin@northwind.example");
    await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Resellers", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Resellers" })).toBeVisible();
    await expect(page.getByRole("link", { name: DEMO_PARTNERS.contoso.name })).toBeVisible();
    await page.getByRole("link", { name: "Onboard reseller" }).click();

    const form = page.getByRole("form", { name: "Onboard a reseller" });
    await form.getByLabel("Reseller name").fill(reseller.name);
    await form.getByLabel("MPN ID").fill("12ab");
    await form.getByLabel("Country").selectOption("NL");
    await form.getByLabel("Admin name").fill(reseller.adminName);
    await form.getByLabel("Admin email").fill(reseller.adminEmail);
    await form.getByRole("button", { name: "Onboard reseller" }).click();
    await expect(form.getByText(/An MPN ID is 7 digits/)).toBeVisible();

    // Contoso's MPN ID is taken: a typed code and a field error, nothing created.
    await form.getByLabel("MPN ID").fill(DEMO_PARTNERS.contoso.mpnId);
    await form.getByRole("button", { name: "Onboard reseller" }).click();
    await expect(form.getByText("Code: MpnIdInUse")).toBeVisible();
    await expect(form.getByText(/already belongs to a partner/)).toBeVisible();

    await form.getByLabel("MPN ID").fill(reseller.mpnId);
    await form.getByRole("button", { name: "Onboard reseller" }).click();
    const link = page.getByTestId("invite-link");
    await expect(link).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+\/invite\/sci_[A-Za-z0-9_-]{43}$/);
    inviteLink = await link.inputValue();

    await page.getByRole("link", { name: `Go to ${reseller.name}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: reseller.name })).toBeVisible();
    const invitations = page.getByRole("table", { name: "Pending invitations" });
    await expect(invitations.getByText(reseller.adminEmail)).toBeVisible();
    await signOut(page);

    await page.goto(inviteLink);
    await expect(page.getByRole("heading", { level: 1, name: `Join ${reseller.name}` })).toBeVisible();
    await expect(page.getByTestId("invite-email")).toHaveText(reseller.adminEmail);
    const accept = page.getByRole("form", { name: "Accept invitation" });
    await accept.getByLabel("Password", { exact: true }).fill("too short");
    await accept.getByLabel("Repeat password").fill("too short");
    await accept.getByRole("button", { name: "Create account and sign in" }).click();
    await expect(accept.getByText("Password must be at least 12 characters.")).toBeVisible();
    await accept.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await accept.getByLabel("Repeat password").fill(PASSWORD);
    await accept.getByRole("button", { name: "Create account and sign in" }).click();
    await expect(page.getByTestId("signed-in-user")).toHaveText(reseller.adminName);
    await expect(page.getByTestId("partner-name")).toHaveText(reseller.name);

    // A new partner's empty list says what to do first (issue 16, item 15).
    await page.goto("/customers");
    await page.getByTestId("customers-empty").getByRole("link", { name: "Add your first customer" }).click();
    await expect(page).toHaveURL(/\/customers\/new$/);
    await page.getByLabel("Company name").fill(customer.name);
    await page.getByLabel("Directory domain").fill(customer.domain);
    await page.getByLabel("Country").selectOption("NL");
    await page.getByRole("button", { name: "Create customer" }).click();
    await expect(page.getByRole("heading", { level: 1, name: customer.name })).toBeVisible();
    await page.goto("/customers");
    await expect(page.getByRole("link", { name: customer.name })).toBeVisible();
    // A reseller sees only its own customers.
    await expect(page.getByTestId("customer-row")).toHaveCount(1);
    await signOut(page);

    // The link worked once.
    await page.goto(inviteLink);
    await expect(page.getByRole("alert").filter({ hasText: "already been used" })).toBeVisible();

    // And the new admin signs in normally with the password they set.
    await signIn(page, reseller.adminEmail, PASSWORD);
    await expect(page.getByTestId("partner-name")).toHaveText(reseller.name);
  });

  test("suspending the reseller refuses its sign-ins and ends open sessions; resuming restores them with the data kept", async ({ page, browser }) => {
    const resellerContext = await browser.newContext();
    const resellerPage = await resellerContext.newPage();
    await signIn(resellerPage, reseller.adminEmail, PASSWORD);

    await signIn(page, "admin@northwind.example");
    await page.goto("/partners");
    await page.getByRole("link", { name: reseller.name }).click();
    await page.getByRole("button", { name: `Suspend reseller ${reseller.name}` }).click();
    await page.getByRole("button", { name: "Confirm suspend" }).click();
    await expect(page.getByTestId("suspended-notice")).toBeVisible();

    // The open session loses access at its next request.
    await resellerPage.goto("/customers");
    await expect(resellerPage).toHaveURL(/\/sign-in/);
    await signInExpectingRefusal(resellerPage, reseller.adminEmail, /reseller organisation or its distributor is suspended/);

    // The distributor still sees the reseller's customer (data kept).
    await page.goto("/partners");
    const row = page.getByRole("row", { name: new RegExp(reseller.name) });
    await expect(row.getByText("Suspended")).toBeVisible();
    await page.getByRole("link", { name: reseller.name }).click();
    await page.getByRole("button", { name: `Resume reseller ${reseller.name}` }).click();
    await page.getByRole("button", { name: "Confirm resume" }).click();
    await expect(page.getByTestId("suspended-notice")).toHaveCount(0);

    // Per reseller or rolled up: the page narrows the whole portal to this reseller.
    await page.getByRole("button", { name: `View ${reseller.name}'s data` }).click();
    await expect(page).toHaveURL(/\/customers$/);
    await expect(page.locator("#reseller-switcher")).toHaveValue(/.+/);
    await expect(page.getByRole("link", { name: customer.name })).toBeVisible();
    await expect(page.getByTestId("customer-row")).toHaveCount(1);
    await page.goto("/partners");
    await expect(page.getByRole("table", { name: "Resellers" }).locator("tbody tr")).toHaveCount(1);
    await page.locator("#reseller-switcher").selectOption("");
    await expect(page.getByRole("table", { name: "Resellers" }).getByRole("link", { name: DEMO_PARTNERS.contoso.name })).toBeVisible();

    // Resuming restores access, even to the session that was open before (its cookie was kept).
    await resellerPage.goto("/customers");
    await expect(resellerPage.getByRole("link", { name: customer.name })).toBeVisible();
    await resellerContext.close();
  });

  test("the reseller's last admin agent can't be deactivated or demoted: the refusal is shown", async ({ page }) => {
    await signIn(page, "admin@northwind.example");
    await page.goto("/partners");
    await page.getByRole("link", { name: reseller.name }).click();
    const users = page.getByRole("table", { name: "Users" });
    await expect(users.getByText("Last active admin agent")).toBeVisible();

    await users.getByRole("button", { name: `Deactivate ${reseller.adminName}` }).click();
    await users.getByRole("button", { name: "Confirm deactivate" }).click();
    await expect(users.getByRole("alert")).toContainText("last active admin agent");
    await expect(users.getByRole("alert")).toContainText("LastAdmin");

    await users.getByLabel(`Role of ${reseller.adminName}`, { exact: true }).selectOption("SALES_AGENT");
    await users.getByRole("button", { name: `Save role of ${reseller.adminName}` }).click();
    await expect(users.getByRole("alert").filter({ hasText: "given another role" })).toBeVisible();
    await expect(users.getByLabel(`Role of ${reseller.adminName}`, { exact: true })).toHaveValue("ADMIN_AGENT");

    // Still an active admin: they sign in.
    await signOut(page);
    await signIn(page, reseller.adminEmail, PASSWORD);
    await page.goto("/settings/users");
    await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
    // Their own row has no role picker and no deactivate button.
    await expect(page.getByRole("table", { name: "Users" }).getByText("(you)")).toBeVisible();
    await expect(page.getByLabel(`Role of ${reseller.adminName}`, { exact: true })).toHaveCount(0);
  });
});
