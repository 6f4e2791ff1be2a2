import type { ReconConversions } from "@/lib/recon/recon-currency";

/** Names the conversions behind the amounts shown: billing currency, pricing currency, rate and its date. */
export function ConversionNote({ conversions }: { conversions: ReconConversions | undefined }) {
  const pairs = [
    ...new Map(
      Object.entries(conversions ?? {}).map(([key, c]) => [
        `${key.split("|")[1]}|${c.billingCurrency}|${c.rate}|${c.rateDate}`,
        { ...c, pricing: key.split("|")[1] },
      ]),
    ).values(),
  ];
  if (pairs.length === 0) return null;
  return (
    <p className="mb-6 text-sm text-slate-600" data-testid="conversion-note">
      Amounts in the billing currency:{" "}
      {pairs.map((c, index) => (
        <span key={`${c.pricing}-${c.billingCurrency}-${c.rate}`}>
          {index > 0 ? "; " : ""}
          {c.pricing} prices × {c.rate} = {c.billingCurrency} (PCToBCExchangeRate of {c.rateDate})
        </span>
      ))}
      . Each line is rounded down to the cent once, after conversion, as in the recon file.
    </p>
  );
}
