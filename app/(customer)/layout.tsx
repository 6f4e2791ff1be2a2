import type { ReactNode } from "react";
import { requireCustomerPageScope } from "@/lib/auth/get-scope";
import { getPartnerLogoVersion } from "@/lib/partners/get-partner-logo-version";
import { CustomerShell } from "@/components/customer-portal/customer-shell";

export default async function CustomerPortalLayout({ children }: { children: ReactNode }) {
  const scope = await requireCustomerPageScope();
  return (
    <CustomerShell scope={scope} logoVersion={await getPartnerLogoVersion(scope)}>
      {children}
    </CustomerShell>
  );
}
