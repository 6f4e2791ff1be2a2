// Issue 16, items 5 and 7: every action's success is announced in one notice (role=status), and a
// result belongs to the action that produced it: the next action's notice replaces it.
import { expect, test } from "@playwright/test";
import { DEMO_CUSTOMERS } from "../../prisma/seed/demo-data";
import { signIn } from "../support/sign-in";

test("registration page: add, verify, remove and re-add a tenant, one notice at a time", async ({ page }) => {
  await signIn(page, "admin@northwind.example");
  await page.goto("/registrations");
  await page.getByRole("link", { name: "NWD-CHI-01" }).click();
  const rows = page.getByTestId("tenant-row");
  const notice = page.getByRole("status").filter({ has: page.getByTestId("notice") });
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  expect(count).toBeGreaterThan(1);

  await rows.first().getByRole("button", { name: "Verify" }).click();
  await expect(notice).toContainText("Verified:");

  const last = rows.last();
  const subscriptionId = (await last.getAttribute("data-subscription-id"))!;
  await last.getByRole("button", { name: "Remove" }).click();
  await last.getByRole("button", { name: "Confirm remove" }).click();
  await expect(rows).toHaveCount(count - 1);
  await expect(notice).toContainText("Removed");
  await expect(page.getByText("Verified:")).toHaveCount(0);

  await page.getByLabel("Or paste a subscription ID").fill(subscriptionId);
  await page.getByRole("button", { name: "Add tenant" }).click();
  await expect(notice).toContainText("Added:");
  await expect(page.getByText(/^Removed /)).toHaveCount(0);
  await expect(rows).toHaveCount(count);

  // The notice belongs to its page: it is gone on the next one.
  await page.goto("/registrations");
  await expect(page.getByTestId("notice")).toHaveCount(0);
});

test("customer page: adding a subscription and setting a budget are announced", async ({ page }) => {
  const customer = DEMO_CUSTOMERS.find((c) => c.partnerKey === "adatum")!;
  await signIn(page, "admin@adatum.example");
  await page.goto(`/customers/${customer.id}`);
  const form = page.getByRole("form", { name: "Add a CSP subscription" });
  await form.getByLabel("Subscription name").fill("Notice test plan");
  await form.getByRole("button", { name: "Add CSP subscription" }).click();
  await expect(page.getByTestId("notice")).toContainText("Subscription added");

  const budget = page.getByRole("form", { name: "Monthly budget" });
  await budget.getByLabel("Monthly budget").fill("2500");
  await budget.getByRole("button", { name: "Save budget" }).click();
  await expect(page.getByTestId("notice")).toContainText("Budget saved");
  await expect(page.getByText("Subscription added")).toHaveCount(0);
});
