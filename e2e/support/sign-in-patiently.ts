import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../prisma/seed/demo-data";

/**
 * signIn (./sign-in.ts) with a longer wait for the portal shell: the first sign-in on a freshly
 * started server (bcrypt at the demo cost, cold route modules) can take well over 10 s on a
 * loaded machine. Still waits on the outcome, never on a fixed time.
 */
export async function signInPatiently(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-user")).toBeVisible({ timeout: 45_000 });
}
