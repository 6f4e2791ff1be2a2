import { requirePageScope } from "@/lib/auth/get-scope";
import { listAlertWebhooks } from "@/lib/alerts/list-alert-webhooks";
import { listAlertDeliveries, ALERT_DELIVERY_LOG_LIMIT } from "@/lib/alerts/list-alert-deliveries";
import { WEBHOOK_BACKOFF_MINUTES } from "@/lib/alerts/unsafe-deliver-alert-webhooks";
import { CreateWebhookForm } from "@/components/alerts/create-webhook-form";
import { DeliveryLogTable } from "@/components/alerts/delivery-log-table";
import { WebhookTable } from "@/components/alerts/webhook-table";
import { Card, PageHeader } from "@/components/ui/card";

export const metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const scope = await requirePageScope("alerts:manage");
  const [webhooks, deliveries] = await Promise.all([listAlertWebhooks(scope), listAlertDeliveries(scope)]);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description={
          <>
            Each new alert is POSTed as JSON to your active webhooks, signed with the webhook&apos;s secret:{" "}
            <code className="rounded bg-slate-100 px-1 text-xs">
              Stackcenter-Signature: t=&lt;unix seconds&gt;,v1=&lt;HMAC-SHA256 of &quot;t.body&quot;&gt;
            </code>
            . A 2xx answer delivers it; anything else is retried after {WEBHOOK_BACKOFF_MINUTES.join(", ")} minutes, then given up.
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <WebhookTable rows={webhooks} />
          <Card title={`Delivery log (last ${ALERT_DELIVERY_LOG_LIMIT})`}>
            <DeliveryLogTable rows={deliveries} />
          </Card>
        </div>
        <Card title="New webhook">
          <CreateWebhookForm />
        </Card>
      </div>
    </>
  );
}
