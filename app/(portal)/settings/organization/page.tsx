import { requirePageScope } from "@/lib/auth/get-scope";
import { getPartnerSettings } from "@/lib/partners/get-partner-settings";
import { getPartnerLogoVersion } from "@/lib/partners/get-partner-logo-version";
import { PartnerTenantForm } from "@/components/partners/partner-tenant-form";
import { PartnerLogoForm } from "@/components/partners/partner-logo-form";
import { Card, PageHeader } from "@/components/ui/card";

export const metadata = { title: "Organization" };

export default async function OrganizationSettingsPage() {
  const scope = await requirePageScope("organization:manage");
  const [partner, logoVersion] = await Promise.all([getPartnerSettings(scope), getPartnerLogoVersion(scope)]);
  return (
    <>
      <PageHeader title="Organization" description={`${partner.name}: the identifiers Partner Center knows your organisation by.`} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Identifiers">
          <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
            <dt className="text-slate-500">MPN ID</dt>
            <dd>{partner.mpnId}</dd>
            <dt className="text-slate-500">Country</dt>
            <dd>{partner.country}</dd>
            <dt className="text-slate-500">Directory tenant ID</dt>
            <dd className="font-mono text-xs">{partner.directoryTenantId ?? "Not set"}</dd>
          </dl>
        </Card>
        <Card title="Directory tenant ID">
          <PartnerTenantForm directoryTenantId={partner.directoryTenantId} />
        </Card>
        <Card title="Logo">
          <PartnerLogoForm logoVersion={logoVersion} />
        </Card>
      </div>
    </>
  );
}
