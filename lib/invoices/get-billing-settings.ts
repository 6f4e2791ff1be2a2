import "server-only";
// The billing partner's invoice settings for its form (defaults when never saved; the logo as a
// data URL for the preview).
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { requireBillingPartner } from "../chargeback/billing-partner-scope";
import { DEFAULT_CLOSE_GRACE_DAYS } from "../periods/period-close-due-at";

export interface BillingSettingsView {
  legalName: string;
  address: string;
  taxId: string;
  invoiceNumberFormat: string;
  closeGraceDays: number;
  defaultPaymentTermsDays: number;
  logoDataUrl: string | null;
}

export async function getBillingSettings(scope: PartnerScope): Promise<BillingSettingsView> {
  const partnerId = requireBillingPartner(scope);
  const prisma = await getPrisma();
  const settings = await prisma.partnerBillingSettings.findUnique({
    where: { partnerId },
    select: {
      legalName: true,
      address: true,
      taxId: true,
      invoiceNumberFormat: true,
      closeGraceDays: true,
      defaultPaymentTermsDays: true,
      logo: true,
      logoMimeType: true,
    },
  });
  if (!settings) {
    return {
      legalName: scope.partnerName,
      address: "",
      taxId: "",
      invoiceNumberFormat: "INV-{year}-{seq:6}",
      closeGraceDays: DEFAULT_CLOSE_GRACE_DAYS,
      defaultPaymentTermsDays: 30,
      logoDataUrl: null,
    };
  }
  const { logo, logoMimeType, ...rest } = settings;
  return { ...rest, logoDataUrl: logo && logoMimeType ? `data:${logoMimeType};base64,${Buffer.from(logo).toString("base64")}` : null };
}
