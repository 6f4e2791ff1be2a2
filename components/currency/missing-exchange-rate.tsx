import Link from "next/link";

/** A month billed in a currency with no imported rate: what's missing and where to import it. */
export function MissingExchangeRate({ message }: { message: string }) {
  return (
    <div role="alert" className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900" data-testid="missing-exchange-rate">
      <p className="font-medium">Amounts can&apos;t be shown in the billing currency yet.</p>
      <p className="mt-1">{message}</p>
      <p className="mt-1">
        <Link className="font-medium underline" href="/billing/currency">
          Currency and exchange rates
        </Link>
      </p>
    </div>
  );
}
