import "server-only";
import { redirect } from "next/navigation";
import { requirePageScope } from "../auth/get-scope";
import type { PartnerScope } from "../auth/partner-scope";
import { isBillingPartnerScope } from "./billing-partner-scope";

/** For chargeback pages: the 403 page for resellers and operators, whatever their role. */
export async function requireBillingPartnerPage(): Promise<PartnerScope> {
  const scope = await requirePageScope("chargeback:manage");
  if (!isBillingPartnerScope(scope)) redirect("/forbidden?need=chargeback:manage");
  return scope;
}
