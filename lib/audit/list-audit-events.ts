import "server-only";
import type { Prisma } from "../../generated/prisma/client";
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import type { AuditQuery } from "./audit-query";
import { AUDIT_EVENT_ORDER, AUDIT_EVENT_SELECT, auditEventsWhere, auditScopeWhere } from "./audit-scope";

export const AUDIT_PAGE_SIZE = 50;

export type AuditEventRow = Prisma.AuditEventGetPayload<{ select: typeof AUDIT_EVENT_SELECT }>;

export interface AuditEventPage {
  rows: AuditEventRow[];
  total: number;
  page: number;
  pageCount: number;
  /** The actions present in the scope's log, for the filter's choices. */
  actions: string[];
}

/** One page of the scope's audit log, newest first, filtered by actor, action, target and days. */
export async function listAuditEvents(scope: PartnerScope, query: AuditQuery): Promise<AuditEventPage> {
  assertScopeCan(scope, "audit:read");
  const prisma = await getPrisma();
  const where = auditEventsWhere(scope, query);
  const [total, actionGroups] = await Promise.all([
    prisma.auditEvent.count({ where }),
    prisma.auditEvent.groupBy({ by: ["action"], where: auditScopeWhere(scope), orderBy: { action: "asc" } }),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(query.page ?? 1, pageCount);
  const rows = await prisma.auditEvent.findMany({
    where,
    orderBy: AUDIT_EVENT_ORDER,
    skip: (page - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE,
    select: AUDIT_EVENT_SELECT,
  });
  return { rows, total, page, pageCount, actions: actionGroups.map((group) => group.action) };
}
