// Partner-wide top movers: customers and meters whose cost changed most month over month.
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { formatMoney } from "@/lib/format/money";
import type { CostMover, CostMovers } from "@/lib/cost-analysis/list-cost-movers";

function MoverList({ movers, currency, hrefOf, testId }: { movers: CostMover[]; currency: string; hrefOf?: (key: string) => string | null; testId: string }) {
  if (movers.length === 0) return <p className="text-sm text-slate-600">No change.</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid={testId}>
      {movers.map((mover) => {
        const href = hrefOf?.(mover.key) ?? null;
        return (
          <li key={mover.key} className="flex justify-between gap-4 py-2">
            {href ? (
              <Link className="text-brand-700 underline" href={href}>
                {mover.label}
              </Link>
            ) : (
              <span>{mover.label}</span>
            )}
            <span className={`tabular-nums ${mover.delta.startsWith("-") ? "text-green-700" : "text-red-700"}`}>
              {mover.delta.startsWith("-") ? "" : "+"}
              {formatMoney(mover.delta, currency)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

export function CostMoversCards({ movers, currency }: { movers: CostMovers; currency: string }) {
  const title = `${movers.previousMonth} → ${movers.month}`;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Card title={`Top movers: customers (${title})`}>
        <MoverList movers={movers.customers} currency={currency} hrefOf={(key) => (key ? `/customers/${key}/usage` : null)} testId="movers-customers" />
      </Card>
      <Card title={`Top movers: meters (${title})`}>
        <MoverList movers={movers.meters} currency={currency} testId="movers-meters" />
      </Card>
    </div>
  );
}
