import "server-only";
// The billing partner's invoice settings: bill-from (legal name, address, tax id, logo), the number
// format, the close grace and default payment terms. Audited (the logo as its size and type only).
import type { z } from "zod";
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { COMMON_ERROR_CODES, DomainError } from "../errors";
import { requireBillingPartner } from "../chargeback/billing-partner-scope";
import { LOGO_DATA_URL, LOGO_MAX_BYTES, type saveBillingSettingsSchema } from "./invoice-schemas";

function decodeLogo(value: string): { bytes: Uint8Array<ArrayBuffer>; mimeType: string } {
  const match = LOGO_DATA_URL.exec(value);
  if (!match) throw new DomainError(COMMON_ERROR_CODES.ValidationFailed, "Upload a PNG or JPEG image.", { fields: { logo: "Upload a PNG or JPEG image." } });
  const bytes = Buffer.from(match[2], "base64");
  const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  if ((match[1] === "image/png" && !png) || (match[1] === "image/jpeg" && !jpeg)) {
    throw new DomainError(COMMON_ERROR_CODES.ValidationFailed, "The file is not the PNG or JPEG image it claims to be.", {
      fields: { logo: "Upload a PNG or JPEG image." },
    });
  }
  if (bytes.length > LOGO_MAX_BYTES)
    throw new DomainError(COMMON_ERROR_CODES.ValidationFailed, "The logo is too large: at most 256 KB.", { fields: { logo: "At most 256 KB." } });
  return { bytes: new Uint8Array(bytes), mimeType: match[1] };
}

export async function saveBillingSettings(scope: PartnerScope, input: z.output<typeof saveBillingSettingsSchema>): Promise<{ partnerId: string }> {
  const partnerId = requireBillingPartner(scope);
  const logo = input.logo && input.logo !== "remove" ? decodeLogo(input.logo) : null;
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const select = {
      legalName: true,
      address: true,
      taxId: true,
      invoiceNumberFormat: true,
      closeGraceDays: true,
      defaultPaymentTermsDays: true,
      logoMimeType: true,
    } as const;
    const before = await tx.partnerBillingSettings.findUnique({ where: { partnerId }, select });
    const data = {
      legalName: input.legalName,
      address: input.address,
      taxId: input.taxId,
      invoiceNumberFormat: input.invoiceNumberFormat,
      closeGraceDays: input.closeGraceDays,
      defaultPaymentTermsDays: input.defaultPaymentTermsDays,
      ...(logo ? { logo: logo.bytes, logoMimeType: logo.mimeType } : input.logo === "remove" ? { logo: null, logoMimeType: null } : {}),
    };
    const after = await tx.partnerBillingSettings.upsert({ where: { partnerId }, create: { partnerId, ...data }, update: data, select });
    await recordAuditEvent(tx, scope, {
      action: "billingSettings.update",
      targetType: "Partner",
      targetId: partnerId,
      partnerId,
      before: before ?? undefined,
      after: { ...after, logoBytes: logo?.bytes.length ?? null },
    });
    return { partnerId };
  });
}
