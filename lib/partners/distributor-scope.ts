import "server-only";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { DomainError, notFound } from "../errors";
import { PARTNER_ERROR_CODES } from "./partner-schemas";

/** The distributor's own partner id; refuses anyone else (direct CSPs, resellers, operators). */
export function assertDistributor(scope: PartnerScope): string {
  assertScopeCan(scope, "resellers:manage");
  if (scope.partnerKind !== "INDIRECT_PROVIDER" || !scope.partnerId) {
    throw new DomainError(PARTNER_ERROR_CODES.NotADistributor, "Only a distributor's admin agents manage resellers.", { status: 403 });
  }
  return scope.partnerId;
}

/** One of the distributor's own resellers (any status), else NotFound. */
export function assertOwnReseller(scope: PartnerScope, resellerId: string): string {
  assertDistributor(scope);
  if (!scope.resellers.some((reseller) => reseller.id === resellerId)) throw notFound("Reseller");
  return resellerId;
}
