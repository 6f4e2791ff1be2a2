// A customer's invoice figures for one closed period, from its statement lines, the adjustments to
// earlier closed periods, and its credits and fees. Pure and Decimal-only (no "server-only"): the
// close and the hand-computed tests share it.
//
// Order (decision): usage lines and adjustments make the usage total; a percentage discount takes
// its % of that total (rounded half-up to the cent); a minimum monthly fee tops the result up to the
// minimum; then recurring credits and one-time credits (oldest first) are taken off, each capped so
// the subtotal never goes below zero (a one-time credit keeps its unused rest for later invoices).
// Tax = subtotal × the customer's rate, half-up to the cent (0 under reverse charge); total =
// subtotal + tax.
import Decimal from "decimal.js";
import { Money, roundStatementAmount, sumMoney } from "../chargeback/chargeback-math";
import type { CostedStatementLine } from "../chargeback/compute-statements";

export type InvoiceLineKind = "USAGE" | "ADJUSTMENT" | "DISCOUNT" | "MINIMUM_FEE" | "CREDIT";

export interface BuiltInvoiceLine {
  kind: InvoiceLineKind;
  description: string;
  lineKey: string | null;
  meterId: string | null;
  unit: string | null;
  quantity: Decimal | null;
  unitPrice: Decimal | null;
  amount: Decimal;
  microsoftCost: Decimal;
  firstDay: string | null;
  lastDay: string | null;
  refPeriod: string | null;
  refLineId: string | null;
  creditId: string | null;
}

export interface InvoiceAdjustment {
  refPeriod: string;
  refLineId: string | null;
  lineKey: string;
  description: string;
  meterId: string;
  unit: string;
  quantity: Decimal;
  unitPrice: Decimal;
  amount: Decimal;
  microsoftCost: Decimal;
}

export interface ActiveCredit {
  id: string;
  kind: "ONE_TIME_CREDIT" | "RECURRING_CREDIT" | "PERCENT_DISCOUNT" | "MINIMUM_FEE";
  description: string;
  amount: Decimal | null;
  percent: Decimal | null;
  /** One-time credits: what earlier invoices already used of it (a positive amount). */
  used: Decimal;
}

export interface BuiltInvoice {
  lines: BuiltInvoiceLine[];
  subtotal: Decimal;
  taxRatePercent: Decimal;
  taxAmount: Decimal;
  total: Decimal;
  microsoftCost: Decimal;
}

export function lineKeyOf(line: Pick<CostedStatementLine, "meterKind" | "meterId" | "unitPrice">): string {
  return `${line.meterKind}|${line.meterId}|${line.unitPrice.toFixed()}`;
}

const blank = { lineKey: null, meterId: null, unit: null, quantity: null, unitPrice: null, firstDay: null, lastDay: null, refPeriod: null, refLineId: null };

export function buildInvoice(input: {
  usage: CostedStatementLine[];
  adjustments: InvoiceAdjustment[];
  credits: ActiveCredit[];
  taxRatePercent: Decimal.Value;
  reverseCharge: boolean;
}): BuiltInvoice {
  const zero = new Money(0);
  const lines: BuiltInvoiceLine[] = input.usage.map((line) => ({
    ...blank,
    kind: "USAGE",
    description: line.meterName,
    lineKey: lineKeyOf(line),
    meterId: line.meterId,
    unit: line.unit,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    amount: line.amount,
    microsoftCost: line.microsoftCost,
    firstDay: line.firstDay,
    lastDay: line.lastDay,
    creditId: null,
  }));
  for (const adjustment of input.adjustments) {
    lines.push({ ...blank, ...adjustment, kind: "ADJUSTMENT", firstDay: null, lastDay: null, creditId: null });
  }
  let running = sumMoney(lines.map((line) => line.amount));
  const byKind = (kind: ActiveCredit["kind"]) => input.credits.filter((credit) => credit.kind === kind);

  const usageTotal = running;
  for (const discount of byKind("PERCENT_DISCOUNT")) {
    if (!discount.percent || usageTotal.lte(0)) continue;
    const amount = Decimal.min(roundStatementAmount(usageTotal.times(discount.percent).dividedBy(100)), running);
    if (amount.lte(0)) continue;
    lines.push({
      ...blank,
      kind: "DISCOUNT",
      description: `${discount.description} (${discount.percent.toFixed()} %)`,
      amount: amount.negated(),
      microsoftCost: zero,
      creditId: discount.id,
    });
    running = running.minus(amount);
  }
  const minimum = byKind("MINIMUM_FEE").reduce<ActiveCredit | null>(
    (best, fee) => (fee.amount && (!best?.amount || fee.amount.gt(best.amount)) ? fee : best),
    null,
  );
  if (minimum?.amount && running.lt(minimum.amount)) {
    const topUp = new Money(minimum.amount).minus(running);
    lines.push({ ...blank, kind: "MINIMUM_FEE", description: minimum.description, amount: topUp, microsoftCost: zero, creditId: minimum.id });
    running = running.plus(topUp);
  }
  const takeCredit = (credit: ActiveCredit, available: Decimal) => {
    const amount = Decimal.min(available, running);
    if (amount.lte(0)) return;
    lines.push({ ...blank, kind: "CREDIT", description: credit.description, amount: new Money(amount).negated(), microsoftCost: zero, creditId: credit.id });
    running = running.minus(amount);
  };
  for (const credit of byKind("RECURRING_CREDIT")) if (credit.amount) takeCredit(credit, credit.amount);
  for (const credit of byKind("ONE_TIME_CREDIT")) if (credit.amount) takeCredit(credit, credit.amount.minus(credit.used));

  const subtotal = new Money(running);
  const taxRatePercent = input.reverseCharge ? new Money(0) : new Money(input.taxRatePercent);
  const taxAmount = roundStatementAmount(subtotal.times(taxRatePercent).dividedBy(100));
  return {
    lines,
    subtotal,
    taxRatePercent,
    taxAmount,
    total: subtotal.plus(taxAmount),
    microsoftCost: sumMoney(lines.map((line) => line.microsoftCost)),
  };
}
