// Issue 16, item 3: markups are validated (bounds; a negative one only as an explicit discount),
// success is announced, and a version that hasn't started yet (or starts today) can be replaced,
// audited; one already in force since an earlier day can't.
import { expect, test } from "@playwright/test";
import { signIn } from "../support/sign-in";

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const monthStart = `${new Date().toISOString().slice(0, 7)}-01`;

test("a rate card version: validated, a discount only when ticked, replaceable before it starts, audited", async ({ page }) => {
  await signIn(page, "admin@adatum.example");
  await page.goto("/chargeback/rate-cards");
  await page.getByRole("link", { name: "Adatum default" }).click();
  const form = page.getByRole("form", { name: "New version" });
  const when = day(2);
  const version = page.locator(`[data-testid="rate-card-version"][data-effective-from="${when}"]`);

  await form.getByLabel("Effective from").fill(when);
  await form.getByLabel("Default markup %").fill("1001");
  await form.getByRole("button", { name: "Add version" }).click();
  await expect(form.getByText(/at most 1000 %/)).toBeVisible();

  // A negative markup is refused unless the version is marked as a discount.
  await form.getByLabel("Default markup %").fill("-5");
  await form.getByRole("button", { name: "Add version" }).click();
  await expect(form.getByText(/negative markup is a discount/i)).toBeVisible();
  await expect(version).toHaveCount(0);
  await form.getByLabel("Negative markups are a discount").check();
  await form.getByRole("button", { name: "Add version" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Version from ${when} added` })).toBeVisible();
  await expect(version).toContainText("-5 %");

  // The same date again: refused with a way out, then replaced.
  await form.getByLabel("Effective from").fill(when);
  await form.getByLabel("Default markup %").fill("20");
  await form.getByRole("button", { name: "Add version" }).click();
  await expect(form.getByText("Code: VersionDateTaken")).toBeVisible();
  await form.getByLabel("Replace the version from that date").check();
  await form.getByRole("button", { name: "Add version" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Version from ${when} replaced` })).toBeVisible();
  await expect(version).toHaveCount(1);
  await expect(version).toContainText("Default markup: 20 %");

  // A version in force since an earlier day of the open month is never replaced.
  if (monthStart < day(0)) {
    await form.getByLabel("Effective from").fill(monthStart);
    await form.getByRole("button", { name: "Add version" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Version from ${monthStart} added` })).toBeVisible();
    await form.getByLabel("Effective from").fill(monthStart);
    await form.getByLabel("Replace the version from that date").check();
    await form.getByRole("button", { name: "Add version" }).click();
    await expect(form.getByText("Code: VersionAlreadyStarted")).toBeVisible();
  }

  await page.goto("/audit?action=rateCard.version.replace");
  await expect(
    page
      .getByRole("table")
      .getByText(/Adatum default/)
      .first(),
  ).toBeVisible();
});
