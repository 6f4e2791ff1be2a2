import "server-only";
// Adjustments to closed periods: a closed period's invoices never change, so when its usage was
// corrected afterwards (a replayed record with another quantity: lib/usage/store-usage-rows.ts),
// the next close recomputes that period's statement and bills the difference from what was
// invoiced (the frozen usage lines plus the adjustments already billed for it), per statement line
// (meter × unit price). Only the last closed periods are looked at, and only those with a
// correction ingested after their close (usage.correct audit events), so a close stays cheap.
import Decimal from "decimal.js";
import type { Database } from "../database/open-database";
import { Money } from "../chargeback/chargeback-math";
import { unsafeComputeStatements } from "../chargeback/compute-statements";
import type { PricedCustomer } from "../chargeback/load-rate-card-set";
import { periodRange } from "../billing/billing-period";
import { lineKeyOf, type InvoiceAdjustment } from "./build-invoice";

/** How many earlier closed periods a close re-checks for corrections (usage older than ~6 months is purged). */
export const ADJUSTABLE_PERIODS = 6;
/** A correction stored in a transaction that began just before a close committed still counts. */
const CORRECTION_SLACK_MS = 3600_000;

interface Billed {
  amount: Decimal;
  quantity: Decimal;
  cost: Decimal;
  lineId: string | null;
  description: string;
  meterId: string | null;
  unit: string | null;
  unitPrice: Decimal | null;
}

export async function unsafeComputeAdjustments(
  database: Pick<Database, "prisma" | "sql">,
  partnerId: string,
  customers: PricedCustomer[],
  period: string,
): Promise<Map<string, InvoiceAdjustment[]>> {
  const result = new Map<string, InvoiceAdjustment[]>();
  const latest = await database.prisma.auditEvent.findFirst({
    where: { action: "usage.correct" },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  if (!latest || customers.length === 0) return result;
  const closes = await database.prisma.billingPeriodClose.findMany({
    where: { partnerId, period: { lt: period } },
    orderBy: { period: "desc" },
    take: ADJUSTABLE_PERIODS,
    select: { id: true, period: true, closedAt: true },
  });
  const customerIds = customers.map((customer) => customer.id);
  for (const close of closes.reverse()) {
    if (latest.createdAt.getTime() < close.closedAt.getTime() - CORRECTION_SLACK_MS) continue;
    const lines = await database.prisma.invoiceLine.findMany({
      where: {
        invoice: { partnerId, customerId: { in: customerIds } },
        OR: [
          { kind: "USAGE", invoice: { closeId: close.id } },
          { kind: "ADJUSTMENT", refPeriod: close.period },
        ],
      },
      select: {
        id: true,
        kind: true,
        lineKey: true,
        description: true,
        meterId: true,
        unit: true,
        quantity: true,
        unitPrice: true,
        amount: true,
        microsoftCost: true,
        invoice: { select: { customerId: true } },
      },
    });
    const billed = new Map<string, Billed>();
    for (const line of lines) {
      if (!line.lineKey) continue;
      const key = `${line.invoice.customerId}#${line.lineKey}`;
      const entry = billed.get(key) ?? {
        amount: new Money(0),
        quantity: new Money(0),
        cost: new Money(0),
        lineId: null,
        description: line.description,
        meterId: line.meterId,
        unit: line.unit,
        unitPrice: line.unitPrice ? new Money(line.unitPrice.toString()) : null,
      };
      entry.amount = entry.amount.plus(line.amount.toString());
      entry.quantity = entry.quantity.plus(line.quantity?.toString() ?? 0);
      entry.cost = entry.cost.plus(line.microsoftCost.toString());
      if (line.kind === "USAGE") entry.lineId = line.id;
      billed.set(key, entry);
    }
    const statements = await unsafeComputeStatements(database, partnerId, customers, periodRange(close.period));
    const current = new Map<string, Billed>();
    for (const [customerId, statement] of statements) {
      for (const line of statement.lines) {
        current.set(`${customerId}#${lineKeyOf(line)}`, {
          amount: line.amount,
          quantity: line.quantity,
          cost: line.microsoftCost,
          lineId: null,
          description: line.meterName,
          meterId: line.meterId,
          unit: line.unit,
          unitPrice: line.unitPrice,
        });
      }
    }
    for (const key of new Set([...billed.keys(), ...current.keys()])) {
      const was = billed.get(key);
      const now = current.get(key);
      const amount = new Money(now?.amount ?? 0).minus(was?.amount ?? 0);
      const quantity = new Money(now?.quantity ?? 0).minus(was?.quantity ?? 0);
      if (amount.isZero() && quantity.isZero()) continue;
      const [customerId, lineKey] = key.split("#");
      const shape = (now ?? was) as Billed;
      const adjustments = result.get(customerId) ?? [];
      adjustments.push({
        refPeriod: close.period,
        refLineId: was?.lineId ?? null,
        lineKey,
        description: `Adjustment: ${shape.description}`,
        meterId: shape.meterId ?? "",
        unit: shape.unit ?? "",
        quantity,
        unitPrice: shape.unitPrice ?? new Money(0),
        amount,
        microsoftCost: new Money(now?.cost ?? 0).minus(was?.cost ?? 0),
      });
      result.set(customerId, adjustments);
    }
  }
  return result;
}
