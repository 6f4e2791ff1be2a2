import type { AlertKind } from "@/generated/prisma/enums";

export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  BUDGET_ACTUAL: "Budget (actual)",
  BUDGET_FORECAST: "Budget (forecast)",
  ANOMALY: "Anomaly",
};
