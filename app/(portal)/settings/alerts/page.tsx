import Link from "next/link";
import { requirePageScope } from "@/lib/auth/get-scope";
import { getAlertSettings } from "@/lib/alerts/get-alert-settings";
import { AlertSettingsForm } from "@/components/alerts/alert-settings-form";
import { Card, PageHeader } from "@/components/ui/card";

export const metadata = { title: "Alert settings" };

export default async function AlertSettingsPage() {
  const scope = await requirePageScope("alerts:manage");
  const current = await getAlertSettings(scope);
  return (
    <>
      <PageHeader
        title="Alerts"
        description={
          <>
            Budget and anomaly alerts of {scope.partnerName}&apos;s customers, evaluated at your prices as usage arrives and once a day. Each alert fires once.
            They reach your admin agents and billing admins in-app (Notifications), by e-mail and through your{" "}
            <Link href="/settings/webhooks" className="text-brand-600 underline">
              webhooks
            </Link>
            .
          </>
        }
      />
      <Card title={current.saved ? "Settings" : "Settings (the defaults, not saved yet)"}>
        <AlertSettingsForm current={current} />
      </Card>
    </>
  );
}
