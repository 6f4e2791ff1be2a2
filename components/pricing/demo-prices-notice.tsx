import { Badge } from "@/components/ui/badge";

/** Shown wherever the demo seed's illustrative prices are in effect: they are not Microsoft's. */
export function DemoPricesNotice() {
  return (
    <div role="note" className="mb-4 flex items-start gap-3 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <span className="shrink-0 whitespace-nowrap">
        <Badge tone="warning">Demo prices</Badge>
      </span>
      <p>
        Some prices shown are illustrative demo data (near Azure Stack Hub&apos;s public pay-as-you-use list), not Microsoft&apos;s current prices. Operators
        import the real price list CSV from Partner Center.
      </p>
    </div>
  );
}
