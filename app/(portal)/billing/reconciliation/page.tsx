import { scopeCan } from "@/lib/auth/partner-scope";
import { pagePeriod, recentPeriods } from "@/lib/billing/billing-overview";
import { formatMoney } from "@/lib/format/money";
import { formatDateTime } from "@/lib/format/dates";
import { getReconciliationPeriod } from "@/lib/reconciliation/get-reconciliation-period";
import { listReconciliationLines } from "@/lib/reconciliation/list-reconciliation-lines";
import { parseReconciliationLineFilter, type ReconciliationLineFilter } from "@/lib/reconciliation/reconciliation-line-filter";
import { requireReconciliationPage } from "@/lib/reconciliation/require-reconciliation-page";
import { Card, PageHeader, StatTile } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { Pagination } from "@/components/ui/pagination";
import { PeriodPicker } from "@/components/billing/period-picker";
import { ReconciliationUploadForm } from "@/components/reconciliation/reconciliation-upload-form";
import { ReconciliationReviewButton } from "@/components/reconciliation/reconciliation-review-button";
import { ReconciliationToleranceForm } from "@/components/reconciliation/reconciliation-tolerance-form";
import { ReconciliationClassTable, ReconciliationGroupTable } from "@/components/reconciliation/reconciliation-totals";
import { ReconciliationLineFilters, ReconciliationLinesTable } from "@/components/reconciliation/reconciliation-lines";
import { ReconciliationImports } from "@/components/reconciliation/reconciliation-imports";

export const metadata = { title: "Reconciliation" };

type Search = Record<string, string | string[] | undefined>;

/** "0.5000" → "0.5", "10.0000" → "10". */
const trimZeros = (value: string) => (value.includes(".") ? value.replace(/\.?0+$/, "") : value) || "0";

/** The URL's filters; a malformed one (an unknown class, a bad page) is simply not applied. */
function pageFilter(search: Search): ReconciliationLineFilter {
  const params = new URLSearchParams();
  for (const key of ["class", "customer", "stamp", "differences", "page"]) {
    const value = search[key];
    if (typeof value === "string") params.set(key, value);
  }
  try {
    return parseReconciliationLineFilter(params);
  } catch {
    return {};
  }
}

function query(period: string, filter: ReconciliationLineFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ period });
  if (filter.class) params.set("class", filter.class);
  if (filter.customerId) params.set("customer", filter.customerId);
  if (filter.registrationId) params.set("stamp", filter.registrationId);
  if (filter.differencesOnly) params.set("differences", "1");
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

export default async function ReconciliationPage({ searchParams }: { searchParams: Promise<Search> }) {
  const scope = await requireReconciliationPage();
  const search = await searchParams;
  const period = pagePeriod(search.period);
  const filter = pageFilter(search);
  const [view, lines] = await Promise.all([getReconciliationPeriod(scope, period), listReconciliationLines(scope, period, filter)]);
  const canManage = scopeCan(scope, "chargeback:manage");
  const canExport = scopeCan(scope, "billing:export");
  const currency = view.current?.currency ?? "USD";
  const periods = recentPeriods();
  if (!periods.includes(period)) periods.push(period);
  const drill = (params: Record<string, string>) => `/billing/reconciliation?${new URLSearchParams({ period, ...params })}#lines`;
  const exportQuery = new URLSearchParams();
  if (filter.class) exportQuery.set("class", filter.class);
  if (filter.customerId) exportQuery.set("customer", filter.customerId);
  if (filter.registrationId) exportQuery.set("stamp", filter.registrationId);
  const exportHref = `/api/reconciliation/${period}/differences${exportQuery.size > 0 ? `?${exportQuery}` : ""}`;
  const differences = view.totals.keys - (view.classes.find((c) => c.class === "MATCHED")?.keys ?? 0);

  return (
    <>
      <PageHeader
        title="Reconciliation"
        description="Microsoft's recon file for a billing period against what your stamps reported and Stackcenter rated: every Azure Stack line classified, with the money at stake."
        actions={
          canExport && view.current ? (
            <a
              className="rounded-md bg-brand-500 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-600"
              href={exportHref}
              download
              data-testid="export-differences"
            >
              Export differences (CSV)
            </a>
          ) : null
        }
      />
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <PeriodPicker period={period} periods={periods} action="/billing/reconciliation" />
        <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="reconciliation-status">
          {view.status === "NOT_IMPORTED" ? <Badge>Not imported</Badge> : null}
          {view.status === "IMPORTED" ? <Badge tone="info">Imported</Badge> : null}
          {view.status === "REVIEWED" ? <Badge tone="success">Reviewed</Badge> : null}
          {view.current ? (
            <span className="text-slate-600">
              {view.current.fileName}, {formatDateTime(view.current.importedAt)}
              {view.current.importedBy ? ` by ${view.current.importedBy}` : ""}
              {view.current.reviewedAt ? ` · reviewed ${formatDateTime(view.current.reviewedAt)} by ${view.current.reviewedBy ?? "a former user"}` : ""}
            </span>
          ) : null}
          {canManage && view.status === "IMPORTED" ? <ReconciliationReviewButton period={period} /> : null}
        </div>
      </div>

      {canManage ? (
        <div className="mb-6">
          <Card title={view.current ? "Import a newer file" : "Import Microsoft's recon file"}>
            <ReconciliationUploadForm period={period} tolerancePercent={trimZeros(view.current?.tolerancePercent ?? "0")} />
          </Card>
        </div>
      ) : null}

      {view.current ? (
        <>
          <div className="mb-6 grid gap-4 sm:grid-cols-4">
            <StatTile
              label="Over-billed"
              value={<span data-testid="over-billed">{formatMoney(view.totals.overBilled, currency)}</span>}
              hint="Billed above what the stamps' usage costs"
            />
            <StatTile
              label="Under-billed"
              value={<span data-testid="under-billed">{formatMoney(view.totals.underBilled, currency)}</span>}
              hint="Reported usage not (yet) billed, or billed less"
            />
            <StatTile label="Net at stake" value={formatMoney(view.totals.net, currency)} />
            <StatTile
              label="Differences"
              value={differences.toLocaleString("en-US")}
              hint={`of ${view.totals.keys.toLocaleString("en-US")} lines · ${view.current.setAsideLines.toLocaleString("en-US")} non-Azure Stack lines set aside`}
            />
          </div>
          <div className="mb-6">
            <Card
              title="Per class"
              actions={canManage ? <ReconciliationToleranceForm period={period} tolerancePercent={trimZeros(view.current.tolerancePercent)} /> : null}
            >
              <ReconciliationClassTable view={view} currency={currency} hrefFor={drill} />
            </Card>
          </div>
          <div className="mb-6 grid gap-6 xl:grid-cols-2">
            <Card title="Per customer">
              <ReconciliationGroupTable kind="customer" view={view} currency={currency} hrefFor={drill} />
            </Card>
            <Card title="Per stamp">
              <ReconciliationGroupTable kind="stamp" view={view} currency={currency} hrefFor={drill} />
            </Card>
          </div>
          <div className="mb-6" id="lines">
            <Card title="Lines">
              <ReconciliationLineFilters period={period} view={view} filter={filter} />
              <ReconciliationLinesTable rows={lines.rows} currency={currency} />
              {lines.total > lines.pageSize ? (
                <Pagination
                  page={lines.page}
                  pageCount={Math.ceil(lines.total / lines.pageSize)}
                  total={lines.total}
                  noun="line"
                  hrefFor={(page) => `/billing/reconciliation?${query(period, filter, { page: String(page) })}#lines`}
                />
              ) : null}
            </Card>
          </div>
          <Card title="Imports of this period">
            <ReconciliationImports imports={view.imports} />
          </Card>
        </>
      ) : (
        <Card>
          <p className="text-sm text-slate-600" data-testid="not-imported">
            Nothing imported for {period} yet. Download the daily-rated usage file (or the legacy usage-based file) of {period} from Partner Center&apos;s
            billing section and import it here, as downloaded.
          </p>
        </Card>
      )}
    </>
  );
}
