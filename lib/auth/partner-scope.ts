import "server-only";
import type { PrismaClient } from "../../generated/prisma/client";
import type { PartnerKind, UserRole } from "../../generated/prisma/enums";
import { roleHasPermission, type Permission } from "./permissions";
import { DomainError, COMMON_ERROR_CODES, forbidden } from "../errors";

/**
 * Who is asking, and which partners' rows they may touch. Every data function takes one and
 * filters in its query; it is built only by resolvePartnerScope (the one choke point).
 */
export interface PartnerScope {
  userId: string;
  userName: string;
  email: string;
  role: UserRole;
  /** Platform operators (Microsoft) have no partner and see the platform. */
  isOperator: boolean;
  partnerId: string | null;
  partnerKind: PartnerKind | null;
  partnerName: string;
  /**
   * Partners whose rows are visible now, after a distributor's reseller switcher. Operators: null
   * (the whole platform). Never empty for partner users: it always holds at least their own partner.
   */
  visiblePartnerIds: string[] | null;
  /** Partners this user may create or change rows for (own partner, plus resellers for distributors). */
  manageablePartnerIds: string[];
  /** For distributors: their resellers, for the switcher and owner pickers. */
  resellers: { id: string; name: string }[];
  /** The reseller a distributor narrowed the view to, or null for "all". */
  selectedResellerId: string | null;
  /**
   * A customer reader's one customer (docs/customer-portal.md): every customer-keyed query of a
   * scope that carries it reaches that customer only. Null for partner users and operators.
   */
  customerId: string | null;
  /** That customer's company name, for the customer portal's header; null with customerId. */
  customerName: string | null;
}

export interface ScopeIdentity {
  userId: string;
  /** A distributor's switcher choice (cookie); ignored unless it names one of its resellers. */
  selectedResellerId?: string | null;
  /**
   * For a browser session: the session version its token carries; the scope is refused unless it
   * is still the user's (sign-out, role change and deactivation move it on). Omitted for API
   * tokens, which are revoked on their own.
   */
  sessionVersion?: number;
}

/**
 * Resolves a signed-in user into a PartnerScope from the database (not from the token alone), so a
 * deactivated user or suspended partner loses access at once. Returns null when the user can't act.
 */
export async function resolvePartnerScope(prisma: PrismaClient, identity: ScopeIdentity): Promise<PartnerScope | null> {
  const user = await prisma.user.findUnique({
    where: { id: identity.userId },
    select: {
      id: true,
      email: true,
      displayName: true,
      role: true,
      active: true,
      sessionVersion: true,
      customer: { select: { id: true, companyName: true, partnerId: true } },
      partner: {
        select: {
          id: true,
          kind: true,
          name: true,
          status: true,
          parent: { select: { status: true } },
          resellers: { select: { id: true, name: true }, orderBy: { name: "asc" } },
        },
      },
    },
  });
  if (!user || !user.active) return null;
  if (identity.sessionVersion !== undefined && identity.sessionVersion !== user.sessionVersion) return null;

  const base = { userId: user.id, userName: user.displayName, email: user.email, role: user.role };
  if (user.role === "OPERATOR") {
    if (user.partner) return null; // an operator tied to a partner is a data error: refuse
    return {
      ...base,
      isOperator: true,
      partnerId: null,
      partnerKind: null,
      partnerName: "Platform operations",
      visiblePartnerIds: null,
      manageablePartnerIds: [],
      resellers: [],
      selectedResellerId: null,
      customerId: null,
      customerName: null,
    };
  }

  const partner = user.partner;
  if (!partner || partner.status !== "ACTIVE" || partner.parent?.status === "SUSPENDED") return null;

  if (user.role === "CUSTOMER_READER") {
    // The customer must still be this partner's: a customer moved to another reseller takes its
    // data along, and its readers (invited by the old owner) lose access until the new one invites them.
    if (!user.customer || user.customer.partnerId !== partner.id) return null;
    return {
      ...base,
      isOperator: false,
      partnerId: partner.id,
      partnerKind: partner.kind,
      partnerName: partner.name,
      visiblePartnerIds: [partner.id],
      manageablePartnerIds: [],
      resellers: [],
      selectedResellerId: null,
      customerId: user.customer.id,
      customerName: user.customer.companyName,
    };
  }
  if (user.customer) return null; // a partner user tied to a customer is a data error: refuse

  const isDistributor = partner.kind === "INDIRECT_PROVIDER";
  const resellers = isDistributor ? partner.resellers : [];
  const allIds = [partner.id, ...resellers.map((r) => r.id)];
  const selected = resellers.find((r) => r.id === identity.selectedResellerId)?.id ?? null;

  return {
    ...base,
    isOperator: false,
    partnerId: partner.id,
    partnerKind: partner.kind,
    partnerName: partner.name,
    visiblePartnerIds: selected ? [selected] : allIds,
    manageablePartnerIds: allIds,
    resellers,
    selectedResellerId: selected,
    customerId: null,
    customerName: null,
  };
}

export function scopeCan(scope: PartnerScope, permission: Permission): boolean {
  return roleHasPermission(scope.role, permission);
}

export function assertScopeCan(scope: PartnerScope, permission: Permission): void {
  if (!scopeCan(scope, permission)) throw forbidden();
}

/** The Prisma filter on an owning-partner column for what this scope may see. */
export function visiblePartnerFilter(scope: PartnerScope): { in: string[] } | undefined {
  return scope.visiblePartnerIds === null ? undefined : { in: scope.visiblePartnerIds };
}

/** The Prisma filter on a customer id column for what this scope may see: a customer reader's one customer, else no restriction. */
export function visibleCustomerFilter(scope: PartnerScope): { id: string } | Record<string, never> {
  return scope.customerId === null ? {} : { id: scope.customerId };
}

/** True for a customer reader's scope (the customer portal), whose role opens no partner page, action or API. */
export function isCustomerScope(scope: PartnerScope): boolean {
  return scope.customerId !== null;
}

/** Throws unless the scope may write rows owned by partnerId (operators write no partner data). */
export function assertCanManagePartner(scope: PartnerScope, partnerId: string): void {
  if (!scope.manageablePartnerIds.includes(partnerId)) {
    throw new DomainError(COMMON_ERROR_CODES.Forbidden, "You can't manage that partner's records.", {
      fields: { partnerId: "Choose your own organisation or one of your resellers." },
    });
  }
}
