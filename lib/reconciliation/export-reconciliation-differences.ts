import "server-only";
// The differences of a period's current import as CSV (every class but "matched", or the filter's
// class), streamed: keyset pages by id through csv-stringify, text cells through the portal's
// CSV-injection guard. The scope is checked before the stream is returned, so a refusal is a status,
// never a half-sent file.
import { stringify } from "csv-stringify/sync";
import type { PartnerScope } from "../auth/partner-scope";
import { getDatabase } from "../db";
import { fileNameSlug } from "../files/download-file-name";
import { neutraliseCsvCell } from "../files/neutralise-csv-cell";
import { csvDownloadStream } from "../http/csv-download-stream";
import { RECONCILIATION_LINE_JOINS, RECONCILIATION_LINE_SELECT, type ReconciliationLineRow } from "./list-reconciliation-lines";
import { RECONCILIATION_CLASS_LABELS } from "./reconciliation-classes";
import { reconciliationLineWhere, type ReconciliationLineFilter } from "./reconciliation-line-filter";
import { periodSchema } from "./reconciliation-schemas";
import { requireReconciliationPartner } from "./require-reconciliation-partner";

export const DIFFERENCE_COLUMNS = [
  "Class",
  "ClassName",
  "SubscriptionId",
  "Customer",
  "Stamp",
  "MeterId",
  "MeterName",
  "ResourceURI",
  "UsageDate",
  "TenantId",
  "BilledQuantity",
  "ReportedQuantity",
  "BilledUnitPrice",
  "ReportedUnitPrice",
  "BilledTotal",
  "ReportedTotal",
  "MoneyAtStake",
  "Currency",
] as const;

const PAGE = 2000;

function record(row: ReconciliationLineRow, currency: string): string[] {
  const text = [
    row.class,
    RECONCILIATION_CLASS_LABELS[row.class],
    row.subscriptionId,
    row.customerName ?? "",
    row.stampName ?? "",
    row.meterId,
    row.meterName ?? "",
  ];
  const rest = [row.resourceUri, row.usageDate, row.tenantId ?? ""].map(neutraliseCsvCell);
  // Numbers we format ourselves stay numbers (docs/recon.md#csv-safety).
  const numbers = [row.billedQuantity, row.ratedQuantity, row.billedUnitPrice, row.ratedUnitPrice, row.billedTotal, row.ratedTotal, row.moneyAtStake].map(
    (v) => v ?? "",
  );
  return [...text.map(neutraliseCsvCell), ...rest, ...numbers, neutraliseCsvCell(currency)];
}

export async function exportReconciliationDifferences(
  scope: PartnerScope,
  periodInput: string,
  filter: ReconciliationLineFilter,
): Promise<{ fileName: string; body: ReadableStream<Uint8Array> }> {
  const partnerId = requireReconciliationPartner(scope, "billing:export");
  const period = periodSchema.parse(periodInput);
  const { sql } = await getDatabase();
  const { rows } = await sql.query<{ id: string; currency: string | null }>(
    `SELECT "id", "currency" FROM "ReconciliationImport" WHERE "partnerId" = $1 AND "period" = $2 AND "current"`,
    [partnerId, period],
  );
  const current = rows[0] ?? null;
  const { where, params } = reconciliationLineWhere(filter.class ? filter : { ...filter, differencesOnly: true });
  async function* chunks(): AsyncGenerator<string> {
    yield stringify([[...DIFFERENCE_COLUMNS]]);
    if (!current) return;
    let last = "0";
    for (;;) {
      const { rows: page } = await sql.query<ReconciliationLineRow>(
        `SELECT ${RECONCILIATION_LINE_SELECT} FROM "ReconciliationLine" l ${RECONCILIATION_LINE_JOINS}
          WHERE ${where} AND l."id" > $${params.length + 2}::bigint ORDER BY l."id" LIMIT ${PAGE}`,
        [current.id, ...params, last],
      );
      if (page.length > 0) yield stringify(page.map((row) => record(row, current.currency ?? "")));
      if (page.length < PAGE) return;
      last = page[page.length - 1].id;
    }
  }
  return {
    fileName: `reconciliation_${fileNameSlug(scope.partnerName, "partner", 40)}_${period}_differences.csv`,
    body: csvDownloadStream(chunks(), "reconciliation differences"),
  };
}
