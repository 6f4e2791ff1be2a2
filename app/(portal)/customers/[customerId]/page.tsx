import Link from "next/link";
import { isBillingPartnerScope } from "@/lib/chargeback/billing-partner-scope";
import { formatDate } from "@/lib/format/dates";
import { requirePageScope } from "@/lib/auth/get-scope";
import { scopeCan } from "@/lib/auth/partner-scope";
import { getCustomer } from "@/lib/customers/get-customer";
import { countryName } from "@/lib/customers/csp-markets";
import { orNotFound } from "@/lib/pages/or-not-found";
import { listOwnershipHistory } from "@/lib/customers/list-ownership-history";
import { listMoveTargets } from "@/lib/customers/list-move-targets";
import { MoveCustomerForm } from "@/components/customers/move-customer-form";
import { OwnershipHistory } from "@/components/customers/ownership-history";
import { AddSubscriptionForm } from "@/components/customers/add-subscription-form";
import { CustomerRegistrationsCard } from "@/components/registrations/customer-registrations-card";
import { listCustomerRegistrations, listRegistrationTargets } from "@/lib/registrations/list-customer-registrations";
import { Card, PageHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { getCustomerBudget, getCustomerBudgetCurrency } from "@/lib/chargeback/customer-budgets";
import { BudgetForm } from "@/components/chargeback/budget-form";

export default async function CustomerPage({ params }: { params: Promise<{ customerId: string }> }) {
  const scope = await requirePageScope("customers:read");
  const { customerId } = await params;
  const customer = await orNotFound(getCustomer(scope, customerId));
  const canWrite = scopeCan(scope, "customers:write");
  const [history, moveTargets, registrationLists] = await Promise.all([
    listOwnershipHistory(scope, customer.id),
    listMoveTargets(scope),
    scopeCan(scope, "registrations:read")
      ? Promise.all([
          listCustomerRegistrations(scope, customer),
          scopeCan(scope, "registrations:write") ? listRegistrationTargets(scope, customer) : Promise.resolve(null),
        ])
      : Promise.resolve(null),
  ]);
  // undefined: the role may not manage budgets (no card); null: no budget yet.
  const managesBudget = scopeCan(scope, "budgets:manage") && scope.manageablePartnerIds.includes(customer.partner.id);
  const budget = managesBudget ? await getCustomerBudget(scope, customer.id) : undefined;
  const budgetCurrency = managesBudget ? await getCustomerBudgetCurrency(scope, customer.id) : "";
  return (
    <>
      <nav className="mb-2 text-sm">
        <Link href="/customers" className="text-brand-600 hover:underline">
          Customers
        </Link>
      </nav>
      <PageHeader
        title={customer.companyName}
        description={customer.domain}
        actions={
          canWrite ? (
            <ButtonLink href={`/customers/${customer.id}/edit`} variant="secondary">
              Edit
            </ButtonLink>
          ) : null
        }
      />
      {scopeCan(scope, "billing:read") || scopeCan(scope, "statements:read") ? (
        <p className="mb-4 flex gap-6 text-sm">
          {scopeCan(scope, "billing:read") ? (
            <Link href={`/customers/${customer.id}/usage`} className="font-medium text-brand-600 hover:underline" data-testid="customer-usage-link">
              Usage and cost this period →
            </Link>
          ) : null}
          {scopeCan(scope, "statements:read") ? (
            <Link href={`/customers/${customer.id}/statement`} className="font-medium text-brand-600 hover:underline" data-testid="customer-statement-link">
              Statement →
            </Link>
          ) : null}
          {scopeCan(scope, "statements:read") ? (
            <Link href={`/invoices?customerId=${customer.id}`} className="font-medium text-brand-600 hover:underline" data-testid="customer-invoices-link">
              Invoices →
            </Link>
          ) : null}
          {scopeCan(scope, "chargeback:manage") && isBillingPartnerScope(scope) ? (
            <Link href={`/customers/${customer.id}/billing`} className="font-medium text-brand-600 hover:underline" data-testid="customer-billing-link">
              Billing profile, credits and invoices →
            </Link>
          ) : null}
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Account">
          <dl className="space-y-3 text-sm">
            <div>
              <dt className="text-slate-500">Directory tenant ID</dt>
              <dd className="font-mono text-xs">{customer.tenantId}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Country</dt>
              <dd>{countryName(customer.country)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Owned by</dt>
              <dd>
                {customer.partner.name}
                {customer.partner.parent ? <span className="text-slate-500"> · via {customer.partner.parent.name}</span> : null}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Customer since</dt>
              <dd>{formatDate(customer.createdAt)}</dd>
            </div>
          </dl>
        </Card>
        <div className="space-y-6 lg:col-span-2">
          <Card title="Subscriptions">
            {customer.subscriptions.length === 0 ? (
              <p className="text-sm text-slate-600">No subscriptions yet.</p>
            ) : (
              <table className="w-full text-left text-sm">
                <thead className="text-xs uppercase text-slate-500">
                  <tr>
                    <th className="py-2">Name</th>
                    <th>Subscription ID</th>
                    <th>Type</th>
                    <th>Billed to</th>
                    <th>Status</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {customer.subscriptions.map((subscription) => (
                    <tr key={subscription.id}>
                      <td className="py-2 font-medium">{subscription.displayName}</td>
                      <td className="font-mono text-xs">{subscription.id}</td>
                      <td>{subscription.type}</td>
                      <td>{subscription.rollsUpToPartner?.name ?? "—"}</td>
                      <td>
                        <Badge tone={subscription.status === "ACTIVE" ? "success" : "warning"}>{subscription.status.toLowerCase()}</Badge>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Card>
          {registrationLists ? <CustomerRegistrationsCard customer={customer} memberships={registrationLists[0]} targets={registrationLists[1]} /> : null}
          <Card title="Ownership history">
            <OwnershipHistory periods={history} />
          </Card>
          {moveTargets.length > 0 ? (
            <Card title="Move to reseller">
              <MoveCustomerForm
                customerId={customer.id}
                customerName={customer.companyName}
                currentOwner={{ id: customer.partner.id, name: customer.partner.name }}
                targets={moveTargets}
              />
            </Card>
          ) : null}
          {budget !== undefined ? (
            <Card title="Monthly budget">
              <BudgetForm
                customerId={customer.id}
                billingCurrency={budgetCurrency}
                current={budget ? { monthlyAmount: budget.monthlyAmount.toFixed(2), currency: budget.currency } : null}
              />
            </Card>
          ) : null}
          {canWrite ? (
            <Card title="Add a CSP subscription">
              <AddSubscriptionForm customerId={customer.id} />
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
