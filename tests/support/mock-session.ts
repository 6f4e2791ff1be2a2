// A stand-in for lib/auth/get-scope in action tests: server actions read the session through it,
// so tests set `testSession.scope` instead of signing in. Used from a test file as
//   vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());
// (vi.mock is hoisted above imports, so the module is imported inside the factory).
import type { PartnerScope } from "../../lib/auth/partner-scope";
import { isCustomerScope, scopeCan } from "../../lib/auth/partner-scope";
import type { Permission } from "../../lib/auth/permissions";
import { DomainError, forbidden, notFound } from "../../lib/errors";

export const testSession: { scope: PartnerScope | null } = { scope: null };

export function mockGetScopeModule() {
  return {
    RESELLER_FILTER_COOKIE: "sc-reseller",
    getCurrentScope: async () => testSession.scope,
    // As lib/auth/get-scope: a customer reader gets NotFound from every partner action and route.
    requireActionScope: async (permission: Permission) => {
      if (!testSession.scope) throw new DomainError("Unauthenticated", "Your session has ended. Sign in again.");
      if (isCustomerScope(testSession.scope)) throw notFound("The page");
      if (!scopeCan(testSession.scope, permission)) throw forbidden();
      return testSession.scope;
    },
    requireSignedInScope: async () => {
      if (!testSession.scope) throw new DomainError("Unauthenticated", "Your session has ended. Sign in again.");
      return testSession.scope;
    },
    requireCustomerActionScope: async () => {
      if (!testSession.scope) throw new DomainError("Unauthenticated", "Your session has ended. Sign in again.");
      if (!isCustomerScope(testSession.scope) || !scopeCan(testSession.scope, "customerPortal:read")) throw notFound("The page");
      return testSession.scope;
    },
  };
}
