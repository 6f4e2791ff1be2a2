// Issue 16, item 11: the registration's subscription picker is a searchable, accessible combobox:
// typing filters by company, subscription name or id; arrows and Enter choose.
import { expect, test } from "@playwright/test";
import { DEMO_CUSTOMERS, DEMO_SUBSCRIPTIONS } from "../../prisma/seed/demo-data";
import { signIn } from "../support/sign-in";

test("type to filter the customer subscriptions, choose with the keyboard", async ({ page }) => {
  await signIn(page, "admin@northwind.example");
  await page.goto("/registrations");
  await page.getByRole("link", { name: "NWD-CHI-01" }).click();
  const picker = page.getByRole("combobox", { name: "Customer subscription" });
  const list = page.getByRole("listbox", { name: "Customer subscription" });
  await picker.focus();
  await expect(picker).toHaveAttribute("aria-expanded", "true");
  const all = await list.getByRole("option").count();
  expect(all).toBeGreaterThan(1);

  const customer = DEMO_CUSTOMERS.find((c) => c.partnerKey === "contoso")!;
  await picker.fill(customer.companyName);
  const options = list.getByRole("option");
  await expect(options.first()).toContainText(customer.companyName);
  expect(await options.count()).toBeLessThan(all);
  for (const text of await options.allTextContents()) expect(text).toContain(customer.companyName);

  // By id: exactly one.
  const subscription = DEMO_SUBSCRIPTIONS.find((s) => s.customerId === customer.id)!;
  await picker.fill(subscription.id);
  await expect(options).toHaveCount(1);
  await picker.press("ArrowDown");
  await expect(picker).toHaveAttribute("aria-activedescendant", /option-0$/);
  await picker.press("Enter");
  await expect(picker).toHaveAttribute("aria-expanded", "false");
  await expect(picker).toHaveValue(new RegExp(`^${customer.companyName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} — `));
  await expect(page.locator('input[type="hidden"][name="chosenSubscriptionId"]')).toHaveValue(subscription.id);
});
