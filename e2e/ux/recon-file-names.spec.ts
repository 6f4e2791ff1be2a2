// Issue 16, item 6: a recon download's file name says what it holds: partner, reseller, customer,
// registration, period (and days), format.
import { expect, test, type Page } from "@playwright/test";
import { DEMO_CUSTOMERS, DEMO_PARTNERS } from "../../prisma/seed/demo-data";
import { signIn } from "../support/sign-in";

const period = new Date().toISOString().slice(0, 7);
const alpine = DEMO_CUSTOMERS.find((c) => c.companyName === "Alpine Ski House")!;

async function fileName(page: Page, query: string): Promise<string> {
  const response = await page.request.get(`/api/billing/recon?period=${period}${query}`);
  expect(response.status()).toBe(200);
  const match = /filename="([^"]+)"/.exec(response.headers()["content-disposition"] ?? "");
  return match?.[1] ?? "";
}

test("recon files are named after their scope", async ({ page }) => {
  await signIn(page, "admin@northwind.example");
  await page.goto("/registrations");
  const chicago = page.getByRole("link", { name: "NWD-CHI-01" });
  const registrationId = (await chicago.getAttribute("href"))!.split("/").pop()!;

  const partner = "northwind-cloud-distribution";
  expect(await fileName(page, "")).toBe(`recon_${partner}_${period}.csv`);
  expect(await fileName(page, "&format=legacy")).toBe(`recon_legacy_${partner}_${period}.csv`);
  expect(await fileName(page, `&resellerId=${DEMO_PARTNERS.contoso.id}`)).toBe(`recon_${partner}_reseller-contoso-it-services_${period}.csv`);
  expect(await fileName(page, `&customerId=${alpine.id}`)).toBe(`recon_${partner}_customer-alpine-ski-house_${period}.csv`);
  expect(await fileName(page, `&registration=${registrationId}`)).toBe(`recon_${partner}_registration-nwd-chi-01_${period}.csv`);
  expect(await fileName(page, `&from=${period}-01&to=${period}-02`)).toBe(`recon_${partner}_${period}-01_to_${period}-02.csv`);
});
