// Prices arrive as decimal strings and are shown exactly as stored: formatting through a JS
// number could round a 10-decimal price.

export function PriceAmount({ price, currency }: { price: string; currency: string }) {
  return (
    <span className="tabular-nums whitespace-nowrap">
      {price} <span className="text-xs text-slate-500">{currency}</span>
    </span>
  );
}

/** "from 100" / "0 – 100" under tiered prices; nothing for the usual single tier from 0. */
export function TierRange({ min, max }: { min: string; max: string | null }) {
  if (min === "0" && max === null) return null;
  return <div className="text-xs text-slate-500">{max === null ? `from ${min}` : `${min} – ${max}`}</div>;
}
