import "server-only";
// The audit log as CSV, streamed: events read keyset-paged (createdAt, id) with the page's exact
// filter and scope, written through csv-stringify a page at a time, every cell through the portal's
// CSV-injection guard (neutraliseCsvCell).
import { stringify } from "csv-stringify/sync";
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { neutraliseCsvCell } from "../files/neutralise-csv-cell";
import { parseAuditQuery, type AuditQuery } from "./audit-query";
import { AUDIT_EVENT_ORDER, AUDIT_EVENT_SELECT, auditEventsWhere } from "./audit-scope";
import type { AuditEventRow } from "./list-audit-events";
import { fileNameSlug } from "../files/download-file-name";
import { csvDownloadStream } from "../http/csv-download-stream";

export const AUDIT_CSV_COLUMNS = ["Time", "ActorEmail", "Action", "TargetType", "TargetId", "PartnerId", "PartnerName", "Before", "After"] as const;

const EXPORT_PAGE_SIZE = 1000;

export function auditCsvRecord(row: AuditEventRow): string[] {
  const json = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value));
  return [
    row.createdAt.toISOString(),
    row.actor?.email ?? "",
    row.action,
    row.targetType,
    row.targetId,
    row.partner?.id ?? "",
    row.partner?.name ?? "",
    json(row.before),
    json(row.after),
  ].map(neutraliseCsvCell);
}

/** CSV text chunks: the header, then one chunk per page of events (newest first, like the page). */
export async function* auditCsvChunks(scope: PartnerScope, query: AuditQuery, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<string> {
  assertScopeCan(scope, "audit:read");
  const prisma = await getPrisma();
  const where = auditEventsWhere(scope, query);
  yield stringify([[...AUDIT_CSV_COLUMNS]]);
  let cursor: string | undefined;
  for (;;) {
    const rows = await prisma.auditEvent.findMany({
      where,
      orderBy: AUDIT_EVENT_ORDER,
      take: pageSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: AUDIT_EVENT_SELECT,
    });
    if (rows.length > 0) yield stringify(rows.map(auditCsvRecord));
    if (rows.length < pageSize) return;
    cursor = rows[rows.length - 1].id;
  }
}

export function auditCsvStream(scope: PartnerScope, query: AuditQuery): ReadableStream<Uint8Array> {
  // Checked here too, not only on the first pull: a refusal must come before any header is sent.
  assertScopeCan(scope, "audit:read");
  return csvDownloadStream(auditCsvChunks(scope, query), "audit log");
}

/** audit_<partner-slug>_<yyyy-mm-dd>.csv */
export function auditFileName(partnerName: string, now = new Date()): string {
  const slug = fileNameSlug(partnerName, "partner");
  return `audit_${slug}_${now.toISOString().slice(0, 10)}.csv`;
}

/** The export's Response for a request whose filters are in its query string (same as the page's). */
export function auditExportResponse(scope: PartnerScope, request: Request): Response {
  const query = parseAuditQuery(new URL(request.url).searchParams);
  return new Response(auditCsvStream(scope, query), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${auditFileName(scope.partnerName)}"`,
      "Cache-Control": "no-store",
    },
  });
}
