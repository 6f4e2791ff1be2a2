import "server-only";
// Quantities per unit for the cost analysis's small multiples: never two units on one axis. Billed
// meters in Microsoft's (commerce) units from the rated usage, plus the local meters Microsoft
// doesn't bill (IP addresses, VM size hours, storage transactions…) in their local units, from the
// raw usage records (kept for the raw retention, 180 days: older months show billed meters only).
import Decimal from "decimal.js";
import { getDatabase } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { resolveReconQuery } from "../recon/recon-source";
import { commerceMeterLabel } from "../chargeback/rate-card-subjects";
import { costAnalysisSql } from "./cost-analysis-sql";
import { costBuckets, type CostAnalysisTarget } from "./get-cost-analysis";
import type { CostAnalysisQuery } from "./cost-analysis-query";

export interface QuantityMeter {
  key: string;
  label: string;
  billed: boolean;
}

export interface QuantityChart {
  unit: string;
  meters: QuantityMeter[];
  /** values[bucket index][meter key], decimal strings. */
  values: Record<string, string>[];
}

export interface QuantityAnalysis {
  buckets: string[];
  charts: QuantityChart[];
}

interface QuantityRow {
  bucket: string;
  key: string;
  amount: string;
}

export async function getQuantityAnalysis(scope: PartnerScope, target: CostAnalysisTarget, query: CostAnalysisQuery): Promise<QuantityAnalysis> {
  assertScopeCan(scope, "billing:read");
  const { sql, prisma } = await getDatabase();
  const resolved = await resolveReconQuery(sql, scope, { period: query.to, customerId: target.customerId });
  const base = {
    subscriptionIds: resolved.subscriptionIds,
    from: query.from,
    to: query.to,
    bucket: query.granularity,
    group: "meter" as const,
    filters: query.filters,
  };
  const billedQuery = costAnalysisSql({ ...base, measure: "quantity" });
  const unbilledQuery = costAnalysisSql({ ...base, unbilled: true });
  const [billed, unbilled, commerceMeters, localMeters] = await Promise.all([
    sql.query<QuantityRow>(billedQuery.text, billedQuery.params),
    sql.query<QuantityRow>(unbilledQuery.text, unbilledQuery.params),
    prisma.commerceMeter.findMany({ select: { id: true, resourceName: true, serviceType: true, unitOfMeasure: true } }),
    prisma.localMeter.findMany({ select: { id: true, name: true, unit: true } }),
  ]);
  const commerceById = new Map(commerceMeters.map((meter) => [meter.id, meter]));
  const localById = new Map(localMeters.map((meter) => [meter.id, meter]));

  const buckets = costBuckets(query.from, query.to, query.granularity);
  const bucketIndex = new Map(buckets.map((bucket, index) => [bucket, index]));
  const charts = new Map<string, { meters: Map<string, QuantityMeter>; sums: Map<string, Decimal>[] }>();
  const add = (unit: string, meter: QuantityMeter, bucket: string, quantity: string) => {
    const index = bucketIndex.get(bucket);
    if (index === undefined) return;
    let chart = charts.get(unit);
    if (!chart) charts.set(unit, (chart = { meters: new Map(), sums: buckets.map(() => new Map()) }));
    chart.meters.set(meter.key, meter);
    chart.sums[index].set(meter.key, (chart.sums[index].get(meter.key) ?? new Decimal(0)).plus(quantity));
  };
  for (const row of billed.rows) {
    const meter = commerceById.get(row.key);
    add(meter?.unitOfMeasure ?? "units", { key: row.key, label: meter ? commerceMeterLabel(meter) : row.key, billed: true }, row.bucket, row.amount);
  }
  for (const row of unbilled.rows) {
    const meter = localById.get(row.key);
    add(
      meter?.unit ?? "units",
      { key: `local:${row.key}`, label: `${meter?.name ?? row.key} (not billed by Microsoft)`, billed: false },
      row.bucket,
      row.amount,
    );
  }
  return {
    buckets,
    charts: [...charts]
      .map(([unit, chart]) => ({
        unit,
        meters: [...chart.meters.values()].sort((a, b) => Number(b.billed) - Number(a.billed) || a.label.localeCompare(b.label)),
        values: chart.sums.map((sums) => Object.fromEntries([...chart.meters.keys()].map((key) => [key, (sums.get(key) ?? new Decimal(0)).toFixed()]))),
      }))
      .sort((a, b) => a.unit.localeCompare(b.unit)),
  };
}
