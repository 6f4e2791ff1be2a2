// Display names and badges for the registration enums, shared by the list, detail and operator pages.
import type { BillingModel, MultiTenancyState } from "@/generated/prisma/enums";
import { Badge } from "@/components/ui/badge";

export const BILLING_MODEL_LABELS: Record<BillingModel, string> = {
  PAY_AS_YOU_USE: "Pay-as-you-use",
  CAPACITY: "Capacity",
};

const MULTI_TENANCY: Record<MultiTenancyState, { label: string; tone: "neutral" | "warning" | "success" | "danger" }> = {
  NOT_REQUESTED: { label: "Not requested", tone: "neutral" },
  PENDING: { label: "Pending approval", tone: "warning" },
  APPROVED: { label: "Approved", tone: "success" },
  REJECTED: { label: "Rejected", tone: "danger" },
};

export function MultiTenancyBadge({ state }: { state: MultiTenancyState }) {
  const { label, tone } = MULTI_TENANCY[state];
  return <Badge tone={tone}>{label}</Badge>;
}

export function BillingModelBadge({ model }: { model: BillingModel }) {
  return <Badge tone={model === "CAPACITY" ? "neutral" : "info"}>{BILLING_MODEL_LABELS[model]}</Badge>;
}

/** The registration's ARM resource ID, as Azure shows it. */
export function armResourceId(registration: { subscriptionId: string; resourceGroup: string; name: string }): string {
  return `/subscriptions/${registration.subscriptionId}/resourceGroups/${registration.resourceGroup}/providers/Microsoft.AzureStack/registrations/${registration.name}`;
}
