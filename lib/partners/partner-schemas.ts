import { z } from "zod";
import { CSP_MARKETS } from "../customers/csp-markets";
import { displayNameField, emailField } from "../users/user-schemas";

/** Partner Center's MPN ID (PartnerID): a 7-digit number, like the demo partners'. */
export const MPN_ID_PATTERN = /^\d{7}$/;

const MARKET_CODES = new Set(CSP_MARKETS.map((market) => market.code));

export const onboardResellerSchema = z.object({
  name: z.string({ error: "Reseller name is required." }).trim().min(1, "Reseller name is required.").max(120, "Reseller name is at most 120 characters."),
  mpnId: z
    .string({ error: "MPN ID is required." })
    .trim()
    .min(1, "MPN ID is required.")
    .regex(MPN_ID_PATTERN, "An MPN ID is 7 digits, as shown in Partner Center (e.g. 5120934)."),
  country: z
    .string({ error: "Choose a country from the list." })
    .trim()
    .toUpperCase()
    .refine((code) => MARKET_CODES.has(code), { error: "Choose a country from the list." }),
  adminName: displayNameField,
  adminEmail: emailField,
});
export type OnboardResellerInput = z.output<typeof onboardResellerSchema>;

/** A Microsoft Entra directory (tenant) id: a GUID, stored lowercase. */
export const TENANT_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const partnerTenantIdSchema = z.object({
  directoryTenantId: z
    .string({ error: "Directory tenant ID is required." })
    .trim()
    .toLowerCase()
    .min(1, "Directory tenant ID is required.")
    .regex(TENANT_ID_PATTERN, "A directory tenant ID is a GUID, as shown in Microsoft Entra ID (e.g. 0e195b37-4574-4539-bc42-0e539b9684c0)."),
});
export type PartnerTenantIdInput = z.output<typeof partnerTenantIdSchema>;

export const resellerIdSchema = z.object({ resellerId: z.string({ error: "Reseller is required." }).trim().min(1).max(40) });

export const PARTNER_ERROR_CODES = {
  /** Another partner already has this MPN ID. */
  MpnIdInUse: "MpnIdInUse",
  /** Only distributors (indirect providers) onboard, suspend and resume resellers. */
  NotADistributor: "NotADistributor",
  /** Another partner already has this directory tenant id. */
  TenantIdInUse: "TenantIdInUse",
} as const;
