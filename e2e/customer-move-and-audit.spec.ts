// A distributor moves a customer from one reseller to another in the UI (with a confirmation step),
// the ownership history shows both periods, the audit page filtered by action shows the move, and
// the CSV export of that filter contains it. The customer is moved back at the end, so the demo
// data other specs rely on is as seeded.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_CUSTOMERS, DEMO_PARTNERS } from "../prisma/seed/demo-data";
import { signIn } from "./support/sign-in";

// The last Contoso customer: no other spec picks it as its sample.
const customer = DEMO_CUSTOMERS.filter((c) => c.partnerKey === "contoso").at(-1)!;

async function moveTo(page: Page, resellerName: string, note = "") {
  const form = page.getByRole("form", { name: "Move to reseller" });
  await form.getByLabel("New owner").selectOption({ label: resellerName });
  if (note) await form.getByLabel("Note (optional)").fill(note);
  await form.getByRole("button", { name: "Move to reseller" }).click();
  const confirm = form.getByRole("group", { name: "Confirm the move" });
  await expect(confirm).toContainText(`to ${resellerName}`);
  await confirm.getByRole("button", { name: "Confirm move" }).click();
  await expect(page.getByText(`${resellerName} · via ${DEMO_PARTNERS.northwind.name}`)).toBeVisible();
}

test("a distributor moves a customer between resellers; history, audit page and CSV show it", async ({ page }) => {
  // A long flow (two moves, the audit page, a download): on a loaded machine it outlasts 60 s.
  test.slow();
  await signIn(page, "admin@northwind.example");
  await page.goto(`/customers/${customer.id}`);
  await expect(page.getByRole("heading", { level: 1, name: customer.companyName })).toBeVisible();
  const periods = page.getByTestId("ownership-period");
  await expect(periods).toHaveCount(1);

  // Cancel leaves everything as it was.
  const form = page.getByRole("form", { name: "Move to reseller" });
  await form.getByLabel("New owner").selectOption({ label: DEMO_PARTNERS.fabrikam.name });
  await form.getByRole("button", { name: "Move to reseller" }).click();
  await form.getByRole("button", { name: "Cancel" }).click();
  await expect(periods).toHaveCount(1);

  await moveTo(page, DEMO_PARTNERS.fabrikam.name, "Customer asked to switch");
  await expect(periods).toHaveCount(2);
  // Newest first: Fabrikam now (moved by this admin, with the note), Contoso until the move.
  await expect(periods.nth(0)).toContainText(DEMO_PARTNERS.fabrikam.name);
  await expect(periods.nth(0)).toContainText("now");
  await expect(periods.nth(0)).toContainText("admin@northwind.example");
  await expect(periods.nth(0)).toContainText("Customer asked to switch");
  await expect(periods.nth(1)).toContainText(DEMO_PARTNERS.contoso.name);
  await expect(periods.nth(1)).toContainText("created");
  // Subscriptions still bill to the distributor.
  await expect(page.getByRole("cell", { name: DEMO_PARTNERS.northwind.name }).first()).toBeVisible();

  // The audit log, filtered by action through the URL-backed form.
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const filters = page.getByRole("search", { name: "Filter audit events" });
  await filters.getByLabel("Action").selectOption("customer.move");
  await filters.getByLabel("Target").fill(customer.id);
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/action=customer\.move/);
  const rows = page.getByTestId("audit-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("admin@northwind.example");
  // Human labels: the action and the target by name, its id on hover (and copied on click).
  await expect(rows.first()).toContainText("Customer moved to another reseller");
  await expect(rows.first()).toContainText(customer.companyName);
  await expect(rows.first().getByTitle(customer.id)).toBeVisible();
  await rows.first().getByText("Before / after").click();
  // Partner ids in before/after read as the partners' names (beside the recorded names).
  await expect(rows.first().getByRole("cell", { name: DEMO_PARTNERS.contoso.name }).first()).toBeVisible();
  await expect(rows.first().getByRole("cell", { name: DEMO_PARTNERS.fabrikam.name }).first()).toBeVisible();
  await expect(rows.first().getByRole("cell", { name: DEMO_PARTNERS.contoso.id })).toHaveCount(0);

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^audit_northwind-cloud-distribution_\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv.trim().split("\n");
  expect(lines[0]).toBe("Time,ActorEmail,Action,TargetType,TargetId,PartnerId,PartnerName,Before,After");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain("admin@northwind.example,customer.move,Customer," + customer.id);
  expect(lines[1]).toContain(DEMO_PARTNERS.fabrikam.id);

  // Back to Contoso: three periods, contiguous history kept.
  await page.goto(`/customers/${customer.id}`);
  await moveTo(page, DEMO_PARTNERS.contoso.name);
  await expect(periods).toHaveCount(3);
  await expect(periods.nth(0)).toContainText(DEMO_PARTNERS.contoso.name);
});

test("resellers and sales agents get no move control", async ({ page }) => {
  await signIn(page, "admin@contoso.example");
  await page.goto(`/customers/${customer.id}`);
  await expect(page.getByRole("heading", { name: "Ownership history" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Move to reseller" })).toHaveCount(0);
});
