"use server";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "../actions/run-action";
import type { ActionResult } from "../actions/action-result";
import { COMMON_ERROR_CODES, DomainError } from "../errors";
import { RESELLER_FILTER_COOKIE } from "./get-scope";
import { publicOrigin } from "./public-origin";

const selectResellerSchema = z.object({ resellerId: z.string().trim().max(40).nullable() });

/** A distributor narrows every view to one reseller (or back to all); only its own resellers qualify. */
export async function selectResellerAction(input: unknown): Promise<ActionResult<{ resellerId: string | null }>> {
  return runAction("customers:read", selectResellerSchema, input, async (scope, { resellerId }) => {
    if (scope.partnerKind !== "INDIRECT_PROVIDER") {
      throw new DomainError(COMMON_ERROR_CODES.Forbidden, "Only distributors can switch between resellers.");
    }
    if (resellerId && !scope.resellers.some((reseller) => reseller.id === resellerId)) {
      throw new DomainError(COMMON_ERROR_CODES.NotFound, "Reseller was not found.");
    }
    const cookieStore = await cookies();
    if (resellerId) {
      cookieStore.set(RESELLER_FILTER_COOKIE, resellerId, {
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        secure: publicOrigin()?.protocol === "https:",
      });
    } else {
      cookieStore.delete(RESELLER_FILTER_COOKIE);
    }
    revalidatePath("/", "layout");
    return { resellerId };
  });
}
