// The lines of a customer statement. Cost and margin columns exist only when the statement carries
// them (the billing partner's own view); the data itself decides, not a flag the page could forget.
import type Decimal from "decimal.js";
import type { CustomerStatement, PublicStatementLine } from "@/lib/chargeback/get-customer-statement";
import { formatUnitPrice } from "@/lib/chargeback/chargeback-math";

export const money = (amount: { toFixed(dp: number): string }) => {
  const [whole, cents] = amount.toFixed(2).split(".");
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${cents}`;
};

const quantityText = (value: { toDecimalPlaces(dp: number): { toFixed(): string } }) => value.toDecimalPlaces(4).toFixed();

const lineKey = (line: PublicStatementLine) => `${line.meterKind}|${line.meterId}|${line.unitPrice.toFixed()}`;

function LineRow({ line, cell, cost }: { line: PublicStatementLine; cell: string; cost?: { microsoftCost: Decimal; margin: Decimal } }) {
  return (
    <tr data-testid="statement-line" data-meter-id={line.meterId}>
      <td className={cell}>
        <span className="font-medium">{line.meterName}</span>
        <span className="block text-xs text-slate-500">
          {line.category}
          {line.priceVaries ? ` · price changed in the period: this price ${line.firstDay} to ${line.lastDay}` : ""}
        </span>
      </td>
      <td className={cell}>{line.unit}</td>
      <td className={`${cell} text-right tabular-nums`}>{quantityText(line.quantity)}</td>
      <td className={`${cell} text-right tabular-nums`} data-testid="unit-price">
        {formatUnitPrice(line.unitPrice)}
        {line.priceVaries ? <span className="block text-xs text-amber-700">varies</span> : null}
      </td>
      <td className={`${cell} text-right tabular-nums`} data-testid="line-amount">
        {money(line.amount)}
      </td>
      {cost ? (
        <>
          <td className={`${cell} text-right tabular-nums text-slate-600`}>{money(cost.microsoftCost)}</td>
          <td className={`${cell} text-right tabular-nums`}>{money(cost.margin)}</td>
        </>
      ) : null}
    </tr>
  );
}

export function StatementLinesTable({ statement, compact = false }: { statement: CustomerStatement; compact?: boolean }) {
  const cell = compact ? "py-1.5 pr-3" : "py-2 pr-3";
  const currency = statement.currency;
  return (
    <table className="w-full text-sm" data-testid="statement-lines">
      <thead className="text-left text-xs uppercase text-slate-500">
        <tr>
          <th className={cell}>Meter</th>
          <th className={cell}>Unit</th>
          <th className={`${cell} text-right`}>Quantity</th>
          <th className={`${cell} text-right`}>Unit price{currency ? ` (${currency})` : ""}</th>
          <th className={`${cell} text-right`}>Amount{currency ? ` (${currency})` : ""}</th>
          {statement.showsCost ? (
            <>
              <th className={`${cell} text-right`} data-testid="cost-column">
                Microsoft cost
              </th>
              <th className={`${cell} text-right`}>Margin</th>
            </>
          ) : null}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {statement.showsCost
          ? statement.lines.map((line) => (
              <LineRow key={lineKey(line)} line={line} cell={cell} cost={{ microsoftCost: line.microsoftCost, margin: line.margin }} />
            ))
          : statement.lines.map((line) => <LineRow key={lineKey(line)} line={line} cell={cell} />)}
      </tbody>
      <tfoot className="border-t-2 border-slate-300 font-semibold">
        <tr>
          <td className={cell} colSpan={4}>
            Total {currency}
          </td>
          <td className={`${cell} text-right tabular-nums`} data-testid="statement-total">
            {money(statement.total)}
          </td>
          {statement.showsCost ? (
            <>
              <td className={`${cell} text-right tabular-nums`} data-testid="statement-cost">
                {money(statement.microsoftCost)}
              </td>
              <td className={`${cell} text-right tabular-nums`} data-testid="statement-margin">
                {money(statement.margin)}
              </td>
            </>
          ) : null}
        </tr>
      </tfoot>
    </table>
  );
}
