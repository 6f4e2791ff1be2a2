import Link from "next/link";
import { requirePageScope } from "@/lib/auth/get-scope";
import { listApiTokens } from "@/lib/api-tokens/list-api-tokens";
import { REGISTRATION_API_VERSIONS } from "@/lib/arm/arm-shapes";
import { ApiTokenTable } from "@/components/api-tokens/api-token-table";
import { CreateApiTokenForm } from "@/components/api-tokens/create-api-token-form";
import { Card, PageHeader } from "@/components/ui/card";

export const metadata = { title: "API tokens" };

const EXAMPLE_PATH =
  "/api/arm/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.AzureStack/registrations/{registrationName}/customerSubscriptions/{customerSubscriptionId}";

export default async function ApiTokensPage() {
  const scope = await requirePageScope("apiTokens:manage");
  const tokens = await listApiTokens(scope);
  return (
    <>
      <PageHeader
        title="API tokens"
        description={
          <>
            Tokens let scripts and stamps call Stackcenter&apos;s ARM-shaped API as {scope.partnerName}
            {scope.resellers.length ? " (with your resellers)" : ""}, with admin agent rights. A token stops working when it is revoked or when the admin who
            created it is deactivated.
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <ApiTokenTable rows={tokens} />
        </div>
        <div className="space-y-6">
          <Card title="New token">
            <CreateApiTokenForm />
          </Card>
          <Card title="Using a token">
            <div className="space-y-2 text-sm text-slate-700">
              <p>
                Send <code className="rounded bg-slate-100 px-1 text-xs">Authorization: Bearer sc_…</code> and{" "}
                <code className="rounded bg-slate-100 px-1 text-xs">?api-version={REGISTRATION_API_VERSIONS[0]}</code>, e.g. to add a customer tenant:
              </p>
              <pre className="overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
                {`PUT ${EXAMPLE_PATH}?api-version=${REGISTRATION_API_VERSIONS[0]}\n{"properties":{"tenantId":"…"}}`}
              </pre>
              <p>
                Every endpoint and error code:{" "}
                <Link href="/api/openapi.json" className="text-brand-600 hover:underline" prefetch={false}>
                  OpenAPI document
                </Link>
                .
              </p>
            </div>
          </Card>
        </div>
      </div>
    </>
  );
}
