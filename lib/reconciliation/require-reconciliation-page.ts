import "server-only";
import { redirect } from "next/navigation";
import { requirePageScope } from "../auth/get-scope";
import type { PartnerScope } from "../auth/partner-scope";
import { isReconciliationPartner } from "./require-reconciliation-partner";

/** For the reconciliation page: the 403 page for resellers and operators, whatever their role. */
export async function requireReconciliationPage(): Promise<PartnerScope> {
  const scope = await requirePageScope("billing:read");
  if (!isReconciliationPartner(scope)) redirect("/forbidden?need=billing:read");
  return scope;
}
