import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { getPrisma } from "../db";
import { authOptions } from "./auth-options";
import { isCustomerScope, resolvePartnerScope, scopeCan, type PartnerScope } from "./partner-scope";
import type { Permission } from "./permissions";
import { DomainError, COMMON_ERROR_CODES, forbidden, notFound as notFoundError } from "../errors";

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

/**
 * For the partner portal's pages: sends the visitor to sign-in, and renders the 403 page when the
 * role lacks permission. A customer reader gets 404 on every one of them: the partner portal's
 * pages don't exist for a customer's users (a redirect or a 403 would confirm they do).
 */
export async function requirePageScope(permission?: Permission): Promise<PartnerScope> {
  const scope = await getCurrentScope();
  if (!scope) redirect("/sign-in");
  if (isCustomerScope(scope)) notFound();
  if (permission && !scopeCan(scope, permission)) redirect(`/forbidden?need=${encodeURIComponent(permission)}`);
  return scope;
}

/**
 * For the partner portal's server actions and routes: throws a DomainError the wrappers turn into
 * a result or a status. A customer reader gets NotFound (404) from every one of them.
 */
export async function requireActionScope(permission: Permission): Promise<PartnerScope> {
  const scope = await getCurrentScope();
  if (!scope) throw new DomainError(COMMON_ERROR_CODES.Unauthenticated, "Your session has ended. Sign in again.");
  if (isCustomerScope(scope)) throw notFoundError("The page");
  if (!scopeCan(scope, permission)) throw forbidden();
  return scope;
}

/** For the customer portal's pages (/my): a customer reader's scope; anyone else gets 404, a visitor the sign-in. */
export async function requireCustomerPageScope(): Promise<PartnerScope> {
  const scope = await getCurrentScope();
  if (!scope) redirect("/sign-in");
  if (!isCustomerScope(scope) || !scopeCan(scope, "customerPortal:read")) notFound();
  return scope;
}

/** For the customer portal's routes (/api/my): a customer reader's scope, NotFound for anyone else. */
export async function requireCustomerActionScope(): Promise<PartnerScope> {
  const scope = await getCurrentScope();
  if (!scope) throw new DomainError(COMMON_ERROR_CODES.Unauthenticated, "Your session has ended. Sign in again.");
  if (!isCustomerScope(scope) || !scopeCan(scope, "customerPortal:read")) throw notFoundError("The page");
  return scope;
}

/** For routes any signed-in user may call (partner users and customer readers alike): the session's scope. */
export async function requireSignedInScope(): Promise<PartnerScope> {
  const scope = await getCurrentScope();
  if (!scope) throw new DomainError(COMMON_ERROR_CODES.Unauthenticated, "Your session has ended. Sign in again.");
  return scope;
}
