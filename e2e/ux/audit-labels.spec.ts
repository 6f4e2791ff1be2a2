// Issue 16, item 12: the audit log reads as sentences: human action labels, targets by name (the id
// on hover and copy), field names in before/after, correct plurals.
import { expect, test } from "@playwright/test";
import { signIn } from "../support/sign-in";

test("audit events name their action and target for people", async ({ page }) => {
  const name = `Audit label token ${Date.now().toString(36)}`;
  await signIn(page, "admin@tailspin.example");
  await page.goto("/settings/api-tokens");
  const form = page.getByRole("form", { name: "Create an API token" });
  await form.getByLabel("Token name").fill(name);
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByLabel("New API token")).toBeVisible();

  await page.goto("/audit?action=apiToken.create");
  const rows = page.getByTestId("audit-row");
  const row = rows.filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("API token created");
  await expect(row).not.toContainText("apiToken.create");
  await expect(row.getByRole("button", { name: `Copy ID of ${name}` })).toHaveAttribute("title", /^c[a-z0-9]{20,}$/);
  await expect(page.getByRole("navigation", { name: "Pagination" })).toContainText(/^(1 event|\d+ events) ·/);
  if ((await rows.count()) === 1) await expect(page.getByRole("navigation", { name: "Pagination" })).toContainText("1 event ·");
  await row.getByText("Before / after").click();
  await expect(row.getByRole("cell", { name: "Name", exact: true })).toBeVisible();
  // The filter offers labels, not codes.
  await expect(page.getByRole("search", { name: "Filter audit events" }).getByRole("option", { name: "API token created" })).toHaveCount(1);
});
