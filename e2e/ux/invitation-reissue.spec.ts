// Issue 16, item 1: re-issuing an invitation shows the new link once (on Settings → Users and on a
// reseller's page), the old link is refused, the new one opens the accept form, and the button's
// accessible name contains its visible label.
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PARTNERS } from "../../prisma/seed/demo-data";
import { signIn } from "../support/sign-in";

const INVITEE = "new.sales@fabrikam.example";
const DEMO_LINK = "/invite/sci_demo_fabrikam_3a08527dfb2340fc9a2dec6dcc1c793c";

async function reissue(page: Page): Promise<string> {
  const invitations = page.getByRole("table", { name: "Pending invitations" });
  const button = invitations.getByRole("button", { name: `Re-issue link for ${INVITEE}` });
  await expect(button).toHaveText("Re-issue link");
  await button.click();
  const link = page.getByTestId("invite-link");
  await expect(link).toHaveValue(/\/invite\/sci_[A-Za-z0-9_-]{43}$/);
  // The notice stays up after the page refreshed its list (the row's id changed).
  await page.waitForTimeout(1_000);
  await expect(link).toBeVisible();
  return new URL(await link.inputValue()).pathname;
}

async function expectAcceptForm(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole("form", { name: "Accept invitation" })).toBeVisible();
  await expect(page.getByTestId("invite-email")).toHaveText(INVITEE);
}

async function expectRevoked(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole("alert").filter({ hasText: "InvitationRevoked" })).toBeVisible();
}

test.describe.serial("re-issue invitation", () => {
  let current = DEMO_LINK;

  test("the partner's admin re-issues from Settings → Users and gets a working link", async ({ page }) => {
    await signIn(page, "admin@fabrikam.example");
    await page.goto("/settings/users");
    const next = await reissue(page);
    expect(next).not.toBe(current);
    await page.getByRole("button", { name: "Done" }).click();
    await expect(page.getByRole("table", { name: "Pending invitations" }).getByText(INVITEE)).toBeVisible();
    await expectRevoked(page, current);
    await expectAcceptForm(page, next);
    current = next;
  });

  test("the distributor re-issues from the reseller's page", async ({ page }) => {
    await signIn(page, "admin@northwind.example");
    await page.goto(`/partners/${DEMO_PARTNERS.fabrikam.id}`);
    const next = await reissue(page);
    await expectRevoked(page, current);
    await expectAcceptForm(page, next);
  });
});
