import "server-only";
// The drill-down: the current import's classified lines of a period, filtered, largest stake first,
// one page at a time, with the customer, stamp and meter names.
import type { PartnerScope } from "../auth/partner-scope";
import { getDatabase } from "../db";
import type { ReconciliationClassName } from "./reconciliation-classes";
import { reconciliationLineWhere, type ReconciliationLineFilter } from "./reconciliation-line-filter";
import { periodSchema } from "./reconciliation-schemas";
import { requireReconciliationPartner } from "./require-reconciliation-partner";

export const RECONCILIATION_PAGE_SIZE = 50;

export interface ReconciliationLineRow {
  id: string;
  class: ReconciliationClassName;
  subscriptionId: string;
  customerId: string | null;
  customerName: string | null;
  registrationId: string | null;
  stampName: string | null;
  meterId: string;
  meterName: string | null;
  resourceUri: string;
  usageDate: string;
  tenantId: string | null;
  billedQuantity: string | null;
  ratedQuantity: string | null;
  billedUnitPrice: string | null;
  ratedUnitPrice: string | null;
  billedTotal: string;
  ratedTotal: string;
  moneyAtStake: string;
}

/** The columns of a line with its names; "l" is "ReconciliationLine". */
export const RECONCILIATION_LINE_SELECT = `l."id"::text AS "id", l."class"::text AS "class", l."subscriptionId"::text AS "subscriptionId", l."customerId", c."companyName" AS "customerName",
  l."registrationId", r."stampName", l."meterId"::text AS "meterId", m."resourceName" AS "meterName", l."resourceUri", to_char(l."usageDate", 'YYYY-MM-DD') AS "usageDate",
  l."tenantId", l."billedQuantity"::text AS "billedQuantity", l."ratedQuantity"::text AS "ratedQuantity", l."billedUnitPrice"::text AS "billedUnitPrice",
  l."ratedUnitPrice"::text AS "ratedUnitPrice", l."billedTotal"::text AS "billedTotal", l."ratedTotal"::text AS "ratedTotal", l."moneyAtStake"::text AS "moneyAtStake"`;

export const RECONCILIATION_LINE_JOINS = `LEFT JOIN "Customer" c ON c."id" = l."customerId"
  LEFT JOIN "Registration" r ON r."id" = l."registrationId"
  LEFT JOIN "CommerceMeter" m ON m."id" = l."meterId"`;

export async function listReconciliationLines(
  scope: PartnerScope,
  periodInput: string,
  filter: ReconciliationLineFilter,
): Promise<{ rows: ReconciliationLineRow[]; total: number; page: number; pageSize: number }> {
  const partnerId = requireReconciliationPartner(scope, "billing:read");
  const period = periodSchema.parse(periodInput);
  const { sql } = await getDatabase();
  const page = filter.page ?? 1;
  const { rows: imports } = await sql.query<{ id: string }>(`SELECT "id" FROM "ReconciliationImport" WHERE "partnerId" = $1 AND "period" = $2 AND "current"`, [
    partnerId,
    period,
  ]);
  if (!imports[0]) return { rows: [], total: 0, page, pageSize: RECONCILIATION_PAGE_SIZE };
  const { where, params } = reconciliationLineWhere(filter);
  const args = [imports[0].id, ...params];
  const [lines, count] = await Promise.all([
    sql.query<ReconciliationLineRow>(
      `SELECT ${RECONCILIATION_LINE_SELECT} FROM "ReconciliationLine" l ${RECONCILIATION_LINE_JOINS}
        WHERE ${where} ORDER BY abs(l."moneyAtStake") DESC, l."id" LIMIT ${RECONCILIATION_PAGE_SIZE} OFFSET ${(page - 1) * RECONCILIATION_PAGE_SIZE}`,
      args,
    ),
    sql.query<{ total: number }>(`SELECT count(*)::int AS "total" FROM "ReconciliationLine" l WHERE ${where}`, args),
  ]);
  return { rows: lines.rows, total: count.rows[0]?.total ?? 0, page, pageSize: RECONCILIATION_PAGE_SIZE };
}
