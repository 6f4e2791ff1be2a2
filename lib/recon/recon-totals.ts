// Billing page / dashboard totals, computed from the SAME rows and the SAME per-line function
// (reconLineTotal) as the recon file, so the page equals the CSV to the cent.
// No "server-only": tests and the bench call it directly.
import Decimal from "decimal.js";
import type { RawSql } from "../database/open-database";
import { reconLineTotal } from "./recon-line";
import { reconRows, type ResolvedReconQuery } from "./recon-source";

export interface CustomerTotal {
  /** Customer id, or null for lines on a partner's own default subscription. */
  customerId: string | null;
  name: string;
  ownerIsReseller: boolean;
  total: Decimal;
  unregisteredTotal: Decimal;
  lines: number;
}

export interface DailyMeterTotal {
  day: string;
  meterName: string;
  localMeterId: string;
  total: Decimal;
  quantity: Decimal;
}

export interface ReconTotals {
  currency: string;
  total: Decimal;
  unregisteredTotal: Decimal;
  /** Local subscriptions whose tenant isn't registered: register them to bill the right customer. */
  unregisteredSubscriptions: string[];
  lines: number;
  customers: CustomerTotal[];
  daily: DailyMeterTotal[];
}

export async function reconTotals(sql: Pick<RawSql, "query">, query: ResolvedReconQuery): Promise<ReconTotals> {
  const customers = new Map<string, CustomerTotal>();
  const daily = new Map<string, DailyMeterTotal>();
  const unregistered = new Set<string>();
  let total = new Decimal(0);
  let unregisteredTotal = new Decimal(0);
  let lines = 0;
  let currency = "";
  for await (const row of reconRows(sql, query)) {
    const amount = reconLineTotal(row.unitPrice, row.quantity);
    lines += 1;
    total = total.plus(amount);
    currency ||= row.currency ?? "";
    const key = row.customerId ?? `partner:${row.cspPartnerId}`;
    let customer = customers.get(key);
    if (!customer) {
      customer = { customerId: row.customerId, name: row.customerName ?? `${row.cspPartnerName} (own subscription)`, ownerIsReseller: row.resellerMpnId !== null, total: new Decimal(0), unregisteredTotal: new Decimal(0), lines: 0 };
      customers.set(key, customer);
    }
    customer.total = customer.total.plus(amount);
    customer.lines += 1;
    if (row.unregisteredTenant) {
      unregisteredTotal = unregisteredTotal.plus(amount);
      customer.unregisteredTotal = customer.unregisteredTotal.plus(amount);
      unregistered.add(row.localSubscriptionId);
    }
    const dayKey = `${row.usageDate.toISOString().slice(0, 10)}|${row.meterName}|${row.localMeterId}`;
    const cell = daily.get(dayKey) ?? { day: row.usageDate.toISOString().slice(0, 10), meterName: row.meterName, localMeterId: row.localMeterId, total: new Decimal(0), quantity: new Decimal(0) };
    cell.total = cell.total.plus(amount);
    cell.quantity = cell.quantity.plus(row.quantity);
    daily.set(dayKey, cell);
  }
  return {
    currency,
    total,
    unregisteredTotal,
    unregisteredSubscriptions: [...unregistered].sort(),
    lines,
    customers: [...customers.values()].sort((a, b) => b.total.comparedTo(a.total) || a.name.localeCompare(b.name)),
    daily: [...daily.values()].sort((a, b) => a.day.localeCompare(b.day) || a.meterName.localeCompare(b.meterName)),
  };
}
