import Link from "next/link";
import { getRateCard } from "@/lib/chargeback/list-rate-cards";
import { listPriceableMeters } from "@/lib/chargeback/list-priceable-meters";
import { earliestEffectiveDate } from "@/lib/chargeback/add-rate-card-version";
import { requireBillingPartnerPage } from "@/lib/chargeback/require-billing-partner-page";
import { formatUnitPrice } from "@/lib/format/money";
import { orNotFound } from "@/lib/pages/or-not-found";
import { Card, PageHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { NewVersionForm } from "@/components/chargeback/new-version-form";

export const metadata = { title: "Rate card" };

const plain = (value: { toFixed(): string }) =>
  value
    .toFixed()
    .replace(/(\.\d*?)0+$/, "$1")
    .replace(/\.$/, "");

export default async function RateCardPage({ params }: { params: Promise<{ rateCardId: string }> }) {
  const scope = await requireBillingPartnerPage();
  const { rateCardId } = await params;
  const [card, meters] = await Promise.all([orNotFound(getRateCard(scope, rateCardId)), listPriceableMeters(scope)]);
  const latest = card.versions[0];
  const draft = {
    defaultMarkupPercent: latest?.defaultMarkupPercent ? plain(latest.defaultMarkupPercent) : "",
    markups: Object.fromEntries(latest?.markups.map((m) => [m.meterId, plain(m.markupPercent)]) ?? []),
    unitPrices: Object.fromEntries(latest?.unitPrices.map((p) => [p.meterId, plain(p.unitPrice)]) ?? []),
  };
  return (
    <>
      <nav className="mb-2 text-sm">
        <Link href="/chargeback/rate-cards" className="text-brand-600 hover:underline">
          Rate cards
        </Link>
      </nav>
      <PageHeader
        title={card.name}
        description={`${card.level.toLowerCase()} card · applies to ${card.subjectName} · ${card.currentFrom ? `version in force since ${card.currentFrom}` : "no version in force yet"}`}
      />
      <Card title="Versions">
        {card.versions.length === 0 ? (
          <p className="text-sm text-slate-600">No versions yet: add the first one below.</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="rate-card-versions">
            {card.versions.map((v) => (
              <li key={v.id} className="py-3 text-sm" data-testid="rate-card-version" data-effective-from={v.effectiveFrom}>
                <p className="font-medium">
                  From {v.effectiveFrom}{" "}
                  {v.effectiveFrom === card.currentFrom ? (
                    <Badge tone="success">in force</Badge>
                  ) : v.effectiveFrom > (card.currentFrom ?? "") ? (
                    <Badge tone="info">scheduled</Badge>
                  ) : (
                    <Badge>superseded</Badge>
                  )}
                </p>
                <p className="text-slate-600">
                  Default markup: {v.defaultMarkupPercent ? `${plain(v.defaultMarkupPercent)} %` : "none"}
                  {v.note ? ` · ${v.note}` : ""}
                </p>
                {v.markups.length > 0 ? (
                  <p className="text-slate-600">Markups: {v.markups.map((m) => `${m.meterName} ${plain(m.markupPercent)} %`).join(", ")}</p>
                ) : null}
                {v.unitPrices.length > 0 ? (
                  <p className="text-slate-600">
                    Unit prices: {v.unitPrices.map((p) => `${p.meterName} ${formatUnitPrice(p.unitPrice, card.currency)} per ${p.unit}`).join(", ")}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <div className="mt-6">
        <Card title="New version">
          <NewVersionForm rateCardId={card.id} meters={meters} draft={draft} earliest={earliestEffectiveDate()} />
        </Card>
      </div>
    </>
  );
}
