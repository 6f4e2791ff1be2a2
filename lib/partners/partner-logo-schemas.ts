// The partner logo's input (shared with the upload form): a PNG, SVG or JPEG of at most 100 KB, sent
// as base64 with its declared type; the server checks the bytes really are that type.
import { z } from "zod";

export const PARTNER_LOGO_MAX_BYTES = 100 * 1024;
export const PARTNER_LOGO_TYPES = ["image/png", "image/svg+xml", "image/jpeg"] as const;
export type PartnerLogoType = (typeof PARTNER_LOGO_TYPES)[number];

const TOO_BIG = "The logo must be at most 100 KB.";

export const setPartnerLogoSchema = z.object({
  contentType: z.enum(PARTNER_LOGO_TYPES, { error: "The logo must be a PNG, SVG or JPEG image." }),
  dataBase64: z
    .string({ error: "Choose an image file." })
    .min(1, "Choose an image file.")
    .max(Math.ceil(PARTNER_LOGO_MAX_BYTES / 3) * 4, TOO_BIG)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, "The file could not be read: choose it again."),
});
export type SetPartnerLogoInput = z.output<typeof setPartnerLogoSchema>;

export const removePartnerLogoSchema = z.object({});

export const PARTNER_LOGO_ERROR_CODES = { InvalidLogo: "InvalidLogo" } as const;
