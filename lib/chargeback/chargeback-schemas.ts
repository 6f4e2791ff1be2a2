// Input schemas of the chargeback actions; shared with the forms, so no "server-only" here.
import { z } from "zod";

const MARKUP = /^-?\d{1,5}(\.\d{1,4})?$/;
const UNIT_PRICE = /^\d{1,14}(\.\d{1,10})?$/;
const AMOUNT = /^\d{1,16}(\.\d{1,2})?$/;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A markup's bounds: below −100 % the price turns negative; above 1000 % it is almost surely a typo. */
export const MARKUP_MIN = -100;
export const MARKUP_MAX = 1000;
export const MARKUP_HINT = "A percentage such as 12.5 (up to 4 decimals, 0 to 1000; negative only as a discount, down to −100).";
export const UNIT_PRICE_HINT = "A price such as 0.0125 (0 or more, up to 10 decimals).";

/** Why a markup can't be saved, or null. A negative markup is accepted only when `discount` is set. */
export function markupError(value: string, discount = false): string | null {
  if (!MARKUP.test(value)) return `Enter a markup: ${MARKUP_HINT}`;
  const percent = Number.parseFloat(value);
  if (percent > MARKUP_MAX) return `A markup can be at most ${MARKUP_MAX} %.`;
  if (percent < MARKUP_MIN) return "A markup can't be below −100 % (a negative price).";
  if (percent < 0 && !discount) return 'A negative markup is a discount: tick "Negative markups are a discount" to save it.';
  return null;
}

export function unitPriceError(value: string): string | null {
  return UNIT_PRICE.test(value) ? null : `Enter a unit price: ${UNIT_PRICE_HINT}`;
}

const id = z.string().trim().min(1).max(100);

export const createRateCardSchema = z
  .object({
    level: z.enum(["DEFAULT", "RESELLER", "CUSTOMER"], { message: "Choose default, reseller or customer." }),
    resellerId: z.string().trim().optional(),
    customerId: z.string().trim().optional(),
    name: z.string().trim().max(120, "At most 120 characters.").optional(),
  })
  .superRefine((value, ctx) => {
    if (value.level === "RESELLER" && !value.resellerId) ctx.addIssue({ code: "custom", path: ["resellerId"], message: "Choose the reseller." });
    if (value.level === "CUSTOMER" && !value.customerId) ctx.addIssue({ code: "custom", path: ["customerId"], message: "Choose the customer." });
  });
export type CreateRateCardInput = z.input<typeof createRateCardSchema>;

/** meter id → value; blank values are dropped (no entry: the meter falls back to the next level). */
const entries = z
  .record(z.string().max(64), z.string().max(40))
  // The meter catalog has a few hundred meters: a bigger map is not a rate card.
  .refine((record) => Object.keys(record).length <= 1000, "A version can price at most 1,000 meters.")
  .default({})
  .transform((record): Record<string, string> => {
    const kept: Record<string, string> = {};
    for (const [meterId, value] of Object.entries(record)) if (value.trim() !== "") kept[meterId.trim().toLowerCase()] = value.trim();
    return kept;
  });

export const addRateCardVersionSchema = z
  .object({
    rateCardId: id,
    effectiveFrom: z.string().trim().regex(DAY, "Enter a date as YYYY-MM-DD."),
    defaultMarkupPercent: z.string().trim().default(""),
    note: z.string().trim().max(500, "At most 500 characters.").optional(),
    markups: entries,
    unitPrices: entries,
    /** Negative markups are intended: the version sells below Microsoft's price. */
    discount: z.boolean().default(false),
    /** Replace the card's version from the same date, if it hasn't started before today. */
    replaceExisting: z.boolean().default(false),
  })
  .superRefine((value, ctx) => {
    if (value.defaultMarkupPercent !== "") {
      const error = markupError(value.defaultMarkupPercent, value.discount);
      if (error) ctx.addIssue({ code: "custom", path: ["defaultMarkupPercent"], message: error });
    }
    for (const [meterId, markup] of Object.entries(value.markups)) {
      const error = markupError(markup, value.discount);
      if (error) ctx.addIssue({ code: "custom", path: ["markups", meterId], message: error });
    }
    for (const [meterId, price] of Object.entries(value.unitPrices)) {
      const error = unitPriceError(price);
      if (error) ctx.addIssue({ code: "custom", path: ["unitPrices", meterId], message: error });
    }
  });
export type AddRateCardVersionInput = z.input<typeof addRateCardVersionSchema>;

export const setCustomerBudgetSchema = z.object({
  customerId: id,
  monthlyAmount: z
    .string()
    .trim()
    .regex(AMOUNT, "Enter an amount such as 1500 or 1500.50 (up to 2 decimals).")
    .refine((value) => Number.parseFloat(value) > 0, "A budget must be more than 0."),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, "Use a 3-letter currency code such as USD.")
    .default("USD"),
});
export type SetCustomerBudgetInput = z.input<typeof setCustomerBudgetSchema>;

export const clearCustomerBudgetSchema = z.object({ customerId: id });
