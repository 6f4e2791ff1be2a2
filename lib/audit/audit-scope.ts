import "server-only";
import type { Prisma } from "../../generated/prisma/client";
import type { PartnerScope } from "../auth/partner-scope";
import type { AuditQuery } from "./audit-query";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Which audit events a scope may read: a partner its visible partners' events (a distributor its
 * own and its resellers', narrowed by the reseller switcher; a reseller only its own); an operator
 * the platform's events (no partner, or acted by an operator).
 */
export function auditScopeWhere(scope: PartnerScope): Prisma.AuditEventWhereInput {
  if (scope.isOperator) return { OR: [{ partnerId: null }, { actor: { role: "OPERATOR" } }] };
  return { partnerId: { in: scope.visiblePartnerIds ?? [] } };
}

/** The scope's events narrowed by the page's filters (the same where for the page and the CSV). */
export function auditEventsWhere(scope: PartnerScope, query: AuditQuery): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [auditScopeWhere(scope)];
  if (query.actor) and.push({ actor: { email: { contains: query.actor, mode: "insensitive" } } });
  if (query.action) and.push({ action: query.action });
  if (query.target) and.push({ OR: [{ targetType: { equals: query.target, mode: "insensitive" } }, { targetId: query.target }] });
  if (query.from) and.push({ createdAt: { gte: new Date(`${query.from}T00:00:00Z`) } });
  if (query.to) and.push({ createdAt: { lt: new Date(Date.parse(`${query.to}T00:00:00Z`) + DAY_MS) } });
  return { AND: and };
}

export const AUDIT_EVENT_SELECT = {
  id: true,
  createdAt: true,
  action: true,
  targetType: true,
  targetId: true,
  before: true,
  after: true,
  actor: { select: { email: true, displayName: true } },
  partner: { select: { id: true, name: true } },
} satisfies Prisma.AuditEventSelect;

export const AUDIT_EVENT_ORDER: Prisma.AuditEventOrderByWithRelationInput[] = [{ createdAt: "desc" }, { id: "desc" }];
