// Issue 16, item 2: a role picker never saves on its own; the change is saved by an explicit
// "Save" and announced in a status message.
import { expect, test } from "@playwright/test";
import { DEMO_USERS } from "../../prisma/seed/demo-data";
import { signIn } from "../support/sign-in";

const target = DEMO_USERS.find((user) => user.email === "sales@tailspin.example")!;

test("a role change needs Save and is announced; a keystroke alone saves nothing", async ({ page }) => {
  await signIn(page, "admin@tailspin.example");
  await page.goto("/settings/users");
  const users = page.getByRole("table", { name: "Users" });
  const picker = users.getByLabel(`Role of ${target.displayName}`, { exact: true });
  await expect(picker).toHaveValue("SALES_AGENT");

  // A keystroke on the focused picker changes the selection only.
  await picker.focus();
  await page.keyboard.press("ArrowUp");
  await expect(picker).not.toHaveValue("SALES_AGENT");
  await page.waitForTimeout(1_500);
  await page.reload();
  await expect(users.getByLabel(`Role of ${target.displayName}`, { exact: true })).toHaveValue("SALES_AGENT");

  // Select, then Save: saved and announced.
  await users.getByLabel(`Role of ${target.displayName}`, { exact: true }).selectOption("BILLING_ADMIN");
  await users.getByRole("button", { name: `Save role of ${target.displayName}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `${target.displayName} is now Billing admin` })).toBeVisible();
  await page.reload();
  await expect(users.getByLabel(`Role of ${target.displayName}`, { exact: true })).toHaveValue("BILLING_ADMIN");

  // Cancel puts the saved role back without saving; then restore the demo role.
  await users.getByLabel(`Role of ${target.displayName}`, { exact: true }).selectOption("ADMIN_AGENT");
  await users.getByRole("button", { name: `Cancel role change of ${target.displayName}` }).click();
  await expect(users.getByLabel(`Role of ${target.displayName}`, { exact: true })).toHaveValue("BILLING_ADMIN");
  await users.getByLabel(`Role of ${target.displayName}`, { exact: true }).selectOption("SALES_AGENT");
  await users.getByRole("button", { name: `Save role of ${target.displayName}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `${target.displayName} is now Sales agent` })).toBeVisible();
});
