import Link from "next/link";
import { listBilledCustomers } from "@/lib/chargeback/list-billed-customers";
import { listRateCards } from "@/lib/chargeback/list-rate-cards";
import { requireBillingPartnerPage } from "@/lib/chargeback/require-billing-partner-page";
import { Card, PageHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { CreateRateCardForm } from "@/components/chargeback/create-rate-card-form";

export const metadata = { title: "Rate cards" };

const LEVEL_LABELS = { DEFAULT: "Default", RESELLER: "Reseller", CUSTOMER: "Customer" } as const;

export default async function RateCardsPage() {
  const scope = await requireBillingPartnerPage();
  const cards = await listRateCards(scope);
  const customers = await listBilledCustomers(scope);
  return (
    <>
      <PageHeader
        title="Rate cards"
        description="What you charge your customers: a markup over Microsoft's price per commerce meter (or a default markup) and your own unit price for local meters Microsoft doesn't bill. A customer's price comes from its customer card, then its reseller's card, then your default card; each card is versioned by effective date."
      />
      <Card title="Cards">
        {cards.length === 0 ? (
          <p className="text-sm text-slate-600">No rate cards yet: customers are charged Microsoft&apos;s price (0 % markup).</p>
        ) : (
          <table className="w-full text-sm" data-testid="rate-cards">
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2">Card</th>
                <th className="py-2">Level</th>
                <th className="py-2">Applies to</th>
                <th className="py-2">In force since</th>
                <th className="py-2">Versions</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {cards.map((card) => (
                <tr key={card.id}>
                  <td className="py-2">
                    <Link className="font-medium text-brand-700 hover:underline" href={`/chargeback/rate-cards/${card.id}`}>
                      {card.name}
                    </Link>
                  </td>
                  <td className="py-2">
                    <Badge tone={card.level === "DEFAULT" ? "info" : "neutral"}>{LEVEL_LABELS[card.level]}</Badge>
                  </td>
                  <td className="py-2">{card.subjectName}</td>
                  <td className="py-2 tabular-nums">{card.currentFrom ?? "not yet in force"}</td>
                  <td className="py-2 tabular-nums text-slate-600">{card.versionDates.join(", ") || "none"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <div className="mt-6">
        <Card title="New rate card">
          <CreateRateCardForm
            resellers={scope.partnerKind === "INDIRECT_PROVIDER" ? scope.resellers.map((r) => ({ value: r.id, label: r.name })) : null}
            customers={customers.map((c) => ({ value: c.id, label: c.label }))}
          />
        </Card>
      </div>
    </>
  );
}
