import "server-only";
import type { Prisma } from "../../generated/prisma/client";
import { visiblePartnerFilter, type PartnerScope } from "../auth/partner-scope";

/** Registrations the scope can see: its partners' (operators: all, read-only). */
export function visibleRegistrationsWhere(scope: PartnerScope): Prisma.RegistrationWhereInput {
  // Registrations are the partner's internals: a customer reader's scope reaches none.
  if (scope.customerId !== null) return { partnerId: { in: [] } };
  const partnerFilter = visiblePartnerFilter(scope);
  return partnerFilter ? { partnerId: partnerFilter } : {};
}

/** Registrations the scope may change: its own partners' only, never for operators. */
export function manageableRegistrationsWhere(scope: PartnerScope): Prisma.RegistrationWhereInput {
  return { partnerId: { in: scope.manageablePartnerIds } };
}
