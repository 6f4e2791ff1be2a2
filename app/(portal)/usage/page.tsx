import { requirePageScope } from "@/lib/auth/get-scope";
import { UpcomingSection } from "@/components/shell/upcoming-section";

export const metadata = { title: "Usage" };

export default async function UsagePage() {
  await requirePageScope("usage:read");
  return (
    <UpcomingSection
      title="Usage"
      description="Hourly usage reported by your stamps, mapped from local to commerce meters and rated against the price list."
      items={[
        "Last ingest time and records per hour for each registration",
        "Rejected records with their reasons",
        "Late records re-dated to the first open day, keeping their original time",
      ]}
    />
  );
}
