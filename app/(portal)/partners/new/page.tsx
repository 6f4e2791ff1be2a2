import Link from "next/link";
import { redirect } from "next/navigation";
import { requirePageScope } from "@/lib/auth/get-scope";
import { CSP_MARKETS } from "@/lib/customers/csp-markets";
import { OnboardResellerForm } from "@/components/partners/onboard-reseller-form";
import { PageHeader } from "@/components/ui/card";

export const metadata = { title: "Onboard a reseller" };

export default async function OnboardResellerPage() {
  const scope = await requirePageScope("resellers:manage");
  if (scope.partnerKind !== "INDIRECT_PROVIDER") redirect("/forbidden?need=resellers%3Amanage");
  return (
    <>
      <nav className="mb-2 text-sm">
        <Link href="/partners" className="text-brand-600 hover:underline">
          Resellers
        </Link>
      </nav>
      <PageHeader
        title="Onboard a reseller"
        description={`The reseller joins ${scope.partnerName} as an indirect reseller; its customers' usage is billed through you.`}
      />
      <OnboardResellerForm countries={CSP_MARKETS} />
    </>
  );
}
