import { redirect } from "next/navigation";
import { requirePageScope } from "@/lib/auth/get-scope";
import { scopeCan } from "@/lib/auth/partner-scope";
import { listPartners } from "@/lib/partners/list-partners";
import { listResellers } from "@/lib/partners/list-resellers";
import { PartnerDirectory } from "@/components/partners/partner-directory";
import { ResellerTable } from "@/components/partners/reseller-table";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";

export const metadata = { title: "Partners" };

/** Operators: the platform's partner directory. A distributor's admins: its resellers, rolled up. */
export default async function PartnersPage() {
  const scope = await requirePageScope();
  if (scopeCan(scope, "partners:read")) {
    const partners = await listPartners(scope);
    return (
      <>
        <PageHeader title="Partners" description="Every CSP partner on the platform. Operators approve multi-tenancy and own the Microsoft price list." />
        <PartnerDirectory partners={partners} />
      </>
    );
  }
  if (!scopeCan(scope, "resellers:manage") || scope.partnerKind !== "INDIRECT_PROVIDER") {
    redirect("/forbidden?need=resellers%3Amanage");
  }
  const resellers = await listResellers(scope);
  const narrowedTo = scope.resellers.find((reseller) => reseller.id === scope.selectedResellerId);
  return (
    <>
      <PageHeader
        title="Resellers"
        description={
          narrowedTo
            ? `Showing ${narrowedTo.name} only: choose "All resellers and own" in Viewing to see every reseller.`
            : `${scope.partnerName}'s resellers: status, customers, users and pending invitations. Open one to manage its users or suspend it.`
        }
        actions={<ButtonLink href="/partners/new">Onboard reseller</ButtonLink>}
      />
      <ResellerTable rows={resellers} />
    </>
  );
}
