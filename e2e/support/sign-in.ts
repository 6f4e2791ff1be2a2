import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../prisma/seed/demo-data";

/**
 * Signs in through the real sign-in form and waits for the portal shell. The wait is long because
 * the first sign-in on a freshly started server (bcrypt at the demo cost, cold route modules) can
 * take well over 10 s on a loaded machine; it still waits on the outcome, never on a fixed time.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-user")).toBeVisible({ timeout: 45_000 });
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to Stackcenter" })).toBeVisible();
}
