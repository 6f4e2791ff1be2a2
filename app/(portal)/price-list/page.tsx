import { requirePageScope } from "@/lib/auth/get-scope";
import { UpcomingSection } from "@/components/shell/upcoming-section";

export const metadata = { title: "Price list" };

export default async function PriceListPage() {
  await requirePageScope("prices:read");
  return (
    <UpcomingSection
      title="Price list"
      description="The Azure in Global CSP price list, filtered on Region = Azure Stack by default."
      items={[
        "The 14 Azure Stack commerce meters and their prices, with effective dates",
        "Filters by region, service, market and currency; CSV download in Partner Center's columns",
        "The local meter catalog: what Microsoft bills each local meter as",
      ]}
    />
  );
}
