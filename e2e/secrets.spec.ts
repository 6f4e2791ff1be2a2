// Partner API tokens and stamp ingestion keys through the real UI: created and shown once, usable at
// once, refused (401) from the moment they're revoked.
import { expect, test } from "@playwright/test";
import { DEMO_REGISTRATIONS } from "../prisma/seed/registrations-demo";
import { signIn } from "./support/sign-in";

const seattle = DEMO_REGISTRATIONS.find((registration) => registration.key === "adatum-seattle");

test("an admin creates an API token, uses it, revokes it", async ({ page, request }) => {
  if (!seattle) throw new Error("demo registration adatum-seattle missing");
  const name = `CI script ${Date.now().toString(36)}`;
  await signIn(page, "admin@adatum.example");
  await page.goto("/settings/api-tokens");
  const form = page.getByRole("form", { name: "Create an API token" });
  await form.getByLabel("Token name").fill(name);
  await form.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByLabel("New API token").inputValue();
  expect(token).toMatch(/^sc_[A-Za-z0-9_-]{43}$/);

  const url = `/api/arm/subscriptions/${seattle.subscriptionId}/resourceGroups/${seattle.resourceGroup}/providers/Microsoft.AzureStack/registrations/${seattle.name}/customerSubscriptions?api-version=2017-06-01`;
  expect((await request.get(url, { headers: { authorization: `Bearer ${token}` } })).status()).toBe(200);

  await page.getByRole("button", { name: "Done" }).click();
  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  await page
    .getByRole("group", { name: `Confirm revoking ${name}` })
    .getByRole("button", { name: "Confirm revoke" })
    .click();
  // The confirm group swaps the Revoke button out at once, so wait on the outcome itself.
  await expect.poll(async () => (await request.get(url, { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
  await expect(page.getByRole("button", { name: `Revoke ${name}` })).toHaveCount(0);
});

test("an admin creates a stamp ingestion key and revokes it", async ({ page, request }) => {
  if (!seattle) throw new Error("demo registration adatum-seattle missing");
  const name = `collector ${Date.now().toString(36)}`;
  await signIn(page, "admin@adatum.example");
  await page.goto(`/registrations/${seattle.id}`);
  const form = page.getByRole("form", { name: "Create an ingestion key" });
  await form.getByLabel("Key name").fill(name);
  await form.getByRole("button", { name: "Create ingestion key" }).click();
  const key = await page.getByLabel("New ingestion key").inputValue();
  expect(key).toMatch(/^scik_/);

  const sync = () =>
    request.put("/api/usage/local-subscriptions", {
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      data: { value: [] },
    });
  expect((await sync()).status()).toBe(200);
  await page.getByRole("button", { name: "Done" }).click();
  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  await page
    .getByRole("group", { name: `Confirm revoking ${name}` })
    .getByRole("button", { name: "Confirm revoke" })
    .click();
  await expect.poll(async () => (await sync()).status()).toBe(401);
  await expect(page.getByRole("button", { name: `Revoke ${name}` })).toHaveCount(0);
});
