import "server-only";
// A period's reconciliation for the billing partner: its status, its imports (the current one and
// the older ones it replaced), and the current import's totals per class, per customer and per
// stamp, each summed in SQL. Amounts are numeric text (the file's pricing currency).
import type { PartnerScope } from "../auth/partner-scope";
import { getDatabase } from "../db";
import { RECONCILIATION_CLASSES, type ReconciliationClassName } from "./reconciliation-classes";
import { periodSchema } from "./reconciliation-schemas";
import { requireReconciliationPartner } from "./require-reconciliation-partner";

export type ReconciliationStatus = "NOT_IMPORTED" | "IMPORTED" | "REVIEWED";

export interface ReconciliationImportSummary {
  id: string;
  fileName: string;
  format: "DAILY_RATED" | "LEGACY";
  currency: string | null;
  current: boolean;
  linesRead: number;
  azureStackLines: number;
  setAsideLines: number;
  tolerancePercent: string;
  importedAt: string;
  importedBy: string | null;
  supersededAt: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
}

/** Money of a group: Microsoft's billed total, the stamps' rated total, and the stake split by sign. */
export interface StakeTotals {
  keys: number;
  billedTotal: string;
  ratedTotal: string;
  /** Sum of the positive stakes: Microsoft billed more than the stamps' usage costs. */
  overBilled: string;
  /** Sum of the negative stakes, as a positive amount: billed less (or not yet). */
  underBilled: string;
  net: string;
}

export interface ReconciliationPeriod {
  period: string;
  status: ReconciliationStatus;
  current: ReconciliationImportSummary | null;
  /** Every import of the period, newest first (the current one included). */
  imports: ReconciliationImportSummary[];
  classes: ({ class: ReconciliationClassName } & StakeTotals)[];
  totals: StakeTotals;
  customers: ({ customerId: string | null; customerName: string | null; resellerName: string | null; differences: number } & StakeTotals)[];
  stamps: ({ registrationId: string | null; stampName: string | null; differences: number } & StakeTotals)[];
}

const money = (expression: string) => `COALESCE(sum(${expression}), 0)::numeric(28, 2)::text`;
const STAKE_SQL = `count(*)::int AS "keys", ${money(`l."billedTotal"`)} AS "billedTotal", ${money(`l."ratedTotal"`)} AS "ratedTotal",
  ${money(`GREATEST(l."moneyAtStake", 0)`)} AS "overBilled", ${money(`GREATEST(-l."moneyAtStake", 0)`)} AS "underBilled",
  ${money(`l."moneyAtStake"`)} AS "net", (count(*) FILTER (WHERE l."class" <> 'MATCHED'))::int AS "differences"`;

const EMPTY: StakeTotals = { keys: 0, billedTotal: "0.00", ratedTotal: "0.00", overBilled: "0.00", underBilled: "0.00", net: "0.00" };

export async function getReconciliationPeriod(scope: PartnerScope, periodInput: string): Promise<ReconciliationPeriod> {
  const partnerId = requireReconciliationPartner(scope, "billing:read");
  const period = periodSchema.parse(periodInput);
  const { sql } = await getDatabase();
  const { rows: imports } = await sql.query<ReconciliationImportSummary>(
    `SELECT i."id", i."fileName", i."format"::text AS "format", i."currency", i."current", i."linesRead", i."azureStackLines", i."setAsideLines",
            i."quantityTolerancePercent"::text AS "tolerancePercent", to_char(i."importedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "importedAt",
            ib."displayName" AS "importedBy", to_char(i."supersededAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "supersededAt",
            to_char(i."reviewedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "reviewedAt", rb."displayName" AS "reviewedBy"
       FROM "ReconciliationImport" i
       LEFT JOIN "User" ib ON ib."id" = i."importedById"
       LEFT JOIN "User" rb ON rb."id" = i."reviewedById"
      WHERE i."partnerId" = $1 AND i."period" = $2 AND i."state" <> 'STAGING'
      ORDER BY i."importedAt" DESC, i."id"`,
    [partnerId, period],
  );
  const current = imports.find((row) => row.current) ?? null;
  if (!current)
    return {
      period,
      status: "NOT_IMPORTED",
      current: null,
      imports,
      classes: RECONCILIATION_CLASSES.map((c) => ({ class: c, ...EMPTY })),
      totals: EMPTY,
      customers: [],
      stamps: [],
    };

  const strip = <T extends { differences?: number }>(row: T) => {
    const { differences, ...rest } = row;
    void differences;
    return rest;
  };
  const [byClass, all, customers, stamps] = await Promise.all([
    sql.query<{ class: ReconciliationClassName } & StakeTotals & { differences: number }>(
      `SELECT l."class"::text AS "class", ${STAKE_SQL} FROM "ReconciliationLine" l WHERE l."importId" = $1 GROUP BY l."class"`,
      [current.id],
    ),
    sql.query<StakeTotals & { differences: number }>(`SELECT ${STAKE_SQL} FROM "ReconciliationLine" l WHERE l."importId" = $1`, [current.id]),
    sql.query<ReconciliationPeriod["customers"][number]>(
      `SELECT g."cid" AS "customerId", c."companyName" AS "customerName", CASE WHEN p."kind" = 'INDIRECT_RESELLER' THEN p."name" END AS "resellerName", g.*
         FROM (SELECT l."customerId" AS "cid", ${STAKE_SQL} FROM "ReconciliationLine" l WHERE l."importId" = $1 GROUP BY l."customerId") g
         LEFT JOIN "Customer" c ON c."id" = g."cid" LEFT JOIN "Partner" p ON p."id" = c."partnerId"
        ORDER BY g."differences" DESC, c."companyName" NULLS FIRST`,
      [current.id],
    ),
    sql.query<ReconciliationPeriod["stamps"][number]>(
      `SELECT g."rid" AS "registrationId", r."stampName", g.*
         FROM (SELECT l."registrationId" AS "rid", ${STAKE_SQL} FROM "ReconciliationLine" l WHERE l."importId" = $1 GROUP BY l."registrationId") g
         LEFT JOIN "Registration" r ON r."id" = g."rid"
        ORDER BY g."differences" DESC, r."stampName" NULLS FIRST`,
      [current.id],
    ),
  ]);
  const found = new Map(byClass.rows.map((row) => [row.class, row]));
  return {
    period,
    status: current.reviewedAt ? "REVIEWED" : "IMPORTED",
    current,
    imports,
    classes: RECONCILIATION_CLASSES.map((name) => ({
      class: name,
      ...(found.has(name) ? strip(found.get(name) as StakeTotals & { differences: number }) : EMPTY),
    })),
    totals: all.rows[0] ? strip(all.rows[0]) : EMPTY,
    customers: customers.rows.map(({ customerId, customerName, resellerName, differences, keys, billedTotal, ratedTotal, overBilled, underBilled, net }) => ({
      customerId,
      customerName,
      resellerName,
      differences,
      keys,
      billedTotal,
      ratedTotal,
      overBilled,
      underBilled,
      net,
    })),
    stamps: stamps.rows.map(({ registrationId, stampName, differences, keys, billedTotal, ratedTotal, overBilled, underBilled, net }) => ({
      registrationId,
      stampName,
      differences,
      keys,
      billedTotal,
      ratedTotal,
      overBilled,
      underBilled,
      net,
    })),
  };
}
