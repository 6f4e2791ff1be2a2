// The customer page's "Azure Stack registrations" card: which registrations this customer's
// tenant is added to (and which of its subscriptions each bills), and a form to add it to one.
import Link from "next/link";
import { formatDate } from "@/lib/format/dates";
import type { CustomerDetail } from "@/lib/customers/get-customer";
import type { CustomerRegistrationMembership, RegistrationTarget } from "@/lib/registrations/list-customer-registrations";
import { Card } from "@/components/ui/card";
import { CustomerAddToRegistrationForm } from "./customer-add-to-registration-form";

/** `targets` is null for a caller who may not add tenants (the page loads both lists). */
export function CustomerRegistrationsCard({
  customer,
  memberships,
  targets: offered,
}: {
  customer: CustomerDetail;
  memberships: CustomerRegistrationMembership[];
  targets: RegistrationTarget[] | null;
}) {
  const canWrite = offered !== null;
  const targets = offered ?? [];
  // Only approved pay-as-you-use registrations accept tenants; the others are counted, not offered.
  const eligible = targets.filter((target) => target.billingModel === "PAY_AS_YOU_USE" && target.multiTenancyState === "APPROVED");
  const subscriptions = customer.subscriptions.filter((subscription) => subscription.type === "CSP" && subscription.status === "ACTIVE");

  return (
    <Card title="Azure Stack registrations">
      <div className="space-y-5">
        {memberships.length === 0 ? (
          <p className="text-sm text-slate-600">
            This customer&apos;s tenant isn&apos;t added to any of your registrations: its usage on a stamp is billed to that registration&apos;s default
            subscription.
          </p>
        ) : (
          <table className="w-full text-left text-sm" aria-label="Registrations of this customer's tenant">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2">Stamp</th>
                <th>Registration</th>
                <th>Billed to</th>
                <th>Added</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {memberships.map((membership) => (
                <tr key={membership.id}>
                  <td className="py-2">
                    <Link href={`/registrations/${membership.registration.id}`} className="font-medium text-brand-700 hover:underline">
                      {membership.registration.stampName}
                    </Link>
                    <p className="text-xs text-slate-500">{membership.registration.stampRegion}</p>
                  </td>
                  <td className="break-all font-mono text-xs">{membership.registration.name}</td>
                  <td>
                    {membership.customerSubscription.displayName}
                    <p className="font-mono text-[11px] text-slate-500">{membership.customerSubscriptionId}</p>
                  </td>
                  <td className="text-slate-600">{formatDate(membership.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {canWrite ? (
          <div className="border-t border-slate-100 pt-4">
            <h3 className="mb-3 text-sm font-semibold">Add to registration</h3>
            <CustomerAddToRegistrationForm
              registrations={eligible.map((target) => ({ id: target.id, label: `${target.stampName} — ${target.name}` }))}
              subscriptions={subscriptions.map((subscription) => ({ id: subscription.id, label: `${subscription.displayName} (${subscription.id})` }))}
              notOffered={targets.length - eligible.length}
            />
          </div>
        ) : null}
      </div>
    </Card>
  );
}
