"use server";
// Server actions for a distributor's resellers (Partners → Onboard, a reseller's page) and a
// partner's own organisation settings (Settings → Organization). Reseller ids from the client are
// checked against the distributor's own resellers on the server; settings change the caller's own partner only.
import { revalidatePath } from "next/cache";
import { runAction } from "../actions/run-action";
import type { ActionResult } from "../actions/action-result";
import type { IssuedInvitation } from "../users/issue-invitation";
import { onboardResellerSchema, partnerTenantIdSchema, resellerIdSchema } from "./partner-schemas";
import { setPartnerTenantId } from "./set-partner-tenant-id";
import { removePartnerLogoSchema, setPartnerLogoSchema } from "./partner-logo-schemas";
import { setPartnerLogo } from "./set-partner-logo";
import { removePartnerLogo } from "./remove-partner-logo";
import { onboardReseller } from "./onboard-reseller";
import { setResellerStatus } from "./set-reseller-status";

/** Returns the first admin's one-time invitation link: the only time it is ever shown. */
export async function onboardResellerAction(input: unknown): Promise<ActionResult<{ resellerId: string; name: string; invitation: IssuedInvitation }>> {
  return runAction("resellers:manage", onboardResellerSchema, input, async (scope, data) => {
    const onboarded = await onboardReseller(scope, data);
    // The shell's reseller switcher lists the new reseller.
    revalidatePath("/", "layout");
    return onboarded;
  });
}

export async function suspendResellerAction(input: unknown): Promise<ActionResult<{ id: string; status: string }>> {
  return runAction("resellers:manage", resellerIdSchema, input, async (scope, data) => {
    const changed = await setResellerStatus(scope, data.resellerId, "SUSPENDED");
    revalidatePath("/partners", "layout");
    return changed;
  });
}

export async function resumeResellerAction(input: unknown): Promise<ActionResult<{ id: string; status: string }>> {
  return runAction("resellers:manage", resellerIdSchema, input, async (scope, data) => {
    const changed = await setResellerStatus(scope, data.resellerId, "ACTIVE");
    revalidatePath("/partners", "layout");
    return changed;
  });
}

/** Sets the caller's own partner's directory tenant id (PartnerId of its recon files). */
export async function setPartnerTenantIdAction(input: unknown): Promise<ActionResult<{ id: string; directoryTenantId: string }>> {
  return runAction("organization:manage", partnerTenantIdSchema, input, async (scope, data) => {
    const changed = await setPartnerTenantId(scope, data);
    revalidatePath("/settings/organization");
    return changed;
  });
}

/** Sets the caller's own partner's logo (shown in its customers' portal). */
export async function setPartnerLogoAction(input: unknown): Promise<ActionResult<{ partnerId: string; contentType: string; bytes: number; sha256: string }>> {
  return runAction("organization:manage", setPartnerLogoSchema, input, async (scope, data) => {
    const saved = await setPartnerLogo(scope, data);
    revalidatePath("/settings/organization");
    return saved;
  });
}

/** Removes the caller's own partner's logo. */
export async function removePartnerLogoAction(input: unknown): Promise<ActionResult<{ partnerId: string }>> {
  return runAction("organization:manage", removePartnerLogoSchema, input, async (scope) => {
    const removed = await removePartnerLogo(scope);
    revalidatePath("/settings/organization");
    return removed;
  });
}
