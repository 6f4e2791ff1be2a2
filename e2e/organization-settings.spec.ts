// Settings → Organization: a partner's admin sees and sets its directory tenant id (PartnerId of its
// recon files); a bad value is refused on the field; a sales agent has no such page.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/sign-in";

test("an admin sees and sets the partner's directory tenant id", async ({ page }) => {
  await signIn(page, "admin@tailspin.example");
  await page.getByRole("link", { name: "Organization" }).click();
  await expect(page.getByRole("heading", { name: "Organization" })).toBeVisible();
  const field = page.getByRole("textbox", { name: "Directory tenant ID" });
  // The demo partner's (a retry may already have set another).
  expect(await field.inputValue()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

  await field.fill("tailspin.onmicrosoft.com");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(/A directory tenant ID is a GUID/)).toBeVisible();

  const tenant = randomUUID();
  await field.fill(tenant.toUpperCase());
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Directory tenant ID saved.")).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: tenant })).toBeVisible();
});

test("a sales agent has no organisation settings", async ({ page }) => {
  await signIn(page, "sales@tailspin.example");
  await expect(page.getByRole("link", { name: "Organization" })).toHaveCount(0);
  const response = await page.goto("/settings/organization");
  expect(response?.status()).not.toBe(500);
  await expect(page.getByRole("textbox", { name: "Directory tenant ID" })).toHaveCount(0);
});
