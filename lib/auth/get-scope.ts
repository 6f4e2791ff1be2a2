import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { getPrisma } from "../db";
import { authOptions } from "./auth-options";
import { resolvePartnerScope, scopeCan, type PartnerScope } from "./partner-scope";
import type { Permission } from "./permissions";
import { DomainError, COMMON_ERROR_CODES, forbidden } from "../errors";

export const RESELLER_FILTER_COOKIE = "sc-reseller";

/** The session of this request resolved into a PartnerScope, or null (once per request). */
export const getCurrentScope = cache(async (): Promise<PartnerScope | null> => {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) return null;
  const cookieStore = await cookies();
  return resolvePartnerScope(await getPrisma(), {
    userId: session.user.id,
    // A token from before session versions existed carries none: it matches no user, so it ends.
    sessionVersion: session.user.sessionVersion ?? -1,
    selectedResellerId: cookieStore.get(RESELLER_FILTER_COOKIE)?.value ?? null,
  });
});

/** For pages: sends the visitor to sign-in, and renders the 403 page when the role lacks permission. */
export async function requirePageScope(permission?: Permission): Promise<PartnerScope> {
  const scope = await getCurrentScope();
  if (!scope) redirect("/sign-in");
  if (permission && !scopeCan(scope, permission)) redirect(`/forbidden?need=${encodeURIComponent(permission)}`);
  return scope;
}

/** For server actions and routes: throws a DomainError the wrappers turn into a result or a status. */
export async function requireActionScope(permission: Permission): Promise<PartnerScope> {
  const scope = await getCurrentScope();
  if (!scope) throw new DomainError(COMMON_ERROR_CODES.Unauthenticated, "Your session has ended. Sign in again.");
  if (!scopeCan(scope, permission)) throw forbidden();
  return scope;
}
