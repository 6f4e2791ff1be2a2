import "server-only";
// The partner's alert settings as the form shows them: the stored row, or the defaults the
// evaluation applies while there is none (alert-rules.ts), with the partner's currency for the
// minimum amount.
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { getScopeBillingCurrency } from "../currency/get-scope-billing-currency";
import { DEFAULT_ALERT_SETTINGS } from "./alert-rules";
import { requireAlertPartner } from "./require-alert-partner";

export interface AlertSettingsView {
  budgetThresholds: number[];
  budgetOnActual: boolean;
  budgetOnForecast: boolean;
  anomalyFactor: string;
  anomalyBaselineDays: number;
  anomalyMinimumAmount: string;
  emailEnabled: boolean;
  notifyCustomerUsers: boolean;
  /** The partner's billing currency (the minimum amount's), or null: each customer's statement currency. */
  currency: string | null;
  saved: boolean;
}

export async function getAlertSettings(scope: PartnerScope): Promise<AlertSettingsView> {
  const partnerId = requireAlertPartner(scope);
  const prisma = await getPrisma();
  const [row, currency] = await Promise.all([
    prisma.alertSettings.findUnique({
      where: { partnerId },
      select: {
        budgetThresholds: true,
        budgetOnActual: true,
        budgetOnForecast: true,
        anomalyFactor: true,
        anomalyBaselineDays: true,
        anomalyMinimumAmount: true,
        emailEnabled: true,
        notifyCustomerUsers: true,
      },
    }),
    getScopeBillingCurrency(scope),
  ]);
  if (!row) {
    return {
      budgetThresholds: DEFAULT_ALERT_SETTINGS.budgetThresholds,
      budgetOnActual: DEFAULT_ALERT_SETTINGS.budgetOnActual,
      budgetOnForecast: DEFAULT_ALERT_SETTINGS.budgetOnForecast,
      anomalyFactor: DEFAULT_ALERT_SETTINGS.anomalyFactor.toFixed(2),
      anomalyBaselineDays: DEFAULT_ALERT_SETTINGS.anomalyBaselineDays,
      anomalyMinimumAmount: DEFAULT_ALERT_SETTINGS.anomalyMinimumAmount.toFixed(2),
      emailEnabled: true,
      notifyCustomerUsers: false,
      currency,
      saved: false,
    };
  }
  return { ...row, anomalyFactor: row.anomalyFactor.toFixed(2), anomalyMinimumAmount: row.anomalyMinimumAmount.toFixed(2), currency, saved: true };
}
