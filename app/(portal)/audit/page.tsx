import { requirePageScope } from "@/lib/auth/get-scope";
import { auditQueryString, parseAuditQuery } from "@/lib/audit/audit-query";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { unsafeAuditTargetNames } from "@/lib/audit/audit-target-names";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { Pagination } from "@/components/ui/pagination";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";

export const metadata = { title: "Audit log" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const scope = await requirePageScope("audit:read");
  const query = parseAuditQuery(await searchParams);
  const result = await listAuditEvents(scope, query);
  // The page's events were read within the scope: only the records they mention are named.
  const names = await unsafeAuditTargetNames(result.rows);
  const filters = auditQueryString(query);
  const description = scope.isOperator
    ? "Platform events: price list publications, multi-tenancy decisions and everything operators did."
    : scope.partnerKind === "INDIRECT_PROVIDER"
      ? "Every change made in your organisation and your resellers' (the reseller switcher narrows it)."
      : "Every change made in your organisation: who did what, when, and what it was before and after.";
  return (
    <>
      <PageHeader
        title="Audit log"
        description={description}
        actions={
          <a href={`/api/audit/export${filters ? `?${filters}` : ""}`} className={buttonClasses("secondary")} download>
            Export CSV
          </a>
        }
      />
      <AuditFilters query={query} actions={result.actions} />
      <AuditTable rows={result.rows} names={names} showPartner={scope.isOperator || scope.partnerKind === "INDIRECT_PROVIDER"} />
      <Pagination
        page={result.page}
        pageCount={result.pageCount}
        total={result.total}
        noun="events"
        hrefFor={(page) => {
          const search = auditQueryString(query, { page });
          return search ? `/audit?${search}` : "/audit";
        }}
      />
    </>
  );
}
