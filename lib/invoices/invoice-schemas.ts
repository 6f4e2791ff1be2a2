// Input schemas of the invoice actions; shared with the forms, so no "server-only" here.
import { z } from "zod";
import { BILLING_PERIOD_MESSAGE, BILLING_PERIOD_PATTERN } from "../billing/billing-period";

const id = z.string().trim().min(1).max(100);
const AMOUNT = /^\d{1,14}(\.\d{1,2})?$/;
const PERCENT = /^\d{1,3}(\.\d{1,4})?$/;
const text = (max: number) => z.string().trim().max(max, `At most ${max} characters.`);

/** Logo upload: a data URL of a PNG or JPEG, at most 256 KB decoded. */
export const LOGO_MAX_BYTES = 256 * 1024;
export const LOGO_DATA_URL = /^data:(image\/png|image\/jpeg);base64,([A-Za-z0-9+/=]+)$/;

export const saveBillingSettingsSchema = z.object({
  legalName: text(200).min(1, "Enter the legal name printed on invoices."),
  address: text(1000),
  taxId: text(60),
  invoiceNumberFormat: text(60)
    .min(1, "Enter a number format.")
    .refine((value) => /\{seq(:\d{1,2})?\}/.test(value), "Include {seq} or {seq:N} (the sequence, zero-padded to N digits), e.g. NW-{year}-{seq:6}."),
  closeGraceDays: z.coerce.number({ message: "Enter whole days." }).int("Enter whole days.").min(0, "At least 0 days.").max(28, "At most 28 days."),
  defaultPaymentTermsDays: z.coerce.number({ message: "Enter whole days." }).int("Enter whole days.").min(0, "At least 0 days.").max(365, "At most 365 days."),
  /** Empty: keep the current logo; "remove": drop it; else a data URL. */
  logo: z
    .string()
    .max(400_000, "The logo is too large: at most 256 KB.")
    .refine((value) => value === "" || value === "remove" || LOGO_DATA_URL.test(value), "Upload a PNG or JPEG image.")
    .optional(),
});

export const saveCustomerBillingProfileSchema = z.object({
  customerId: id,
  legalName: text(200).min(1, "Enter the customer's legal name."),
  address: text(1000),
  taxId: text(60),
  taxRatePercent: z.string().trim().regex(PERCENT, "Enter a rate such as 19 or 7.5 (0 to 100)."),
  reverseCharge: z.boolean(),
  paymentTermsDays: z.union([z.literal(""), z.coerce.number().int("Enter whole days.").min(0, "At least 0 days.").max(365, "At most 365 days.")]).optional(),
  billingEmails: z.array(z.email("Enter e-mail addresses separated by commas.")).max(10, "At most 10 billing contacts."),
});

export const CREDIT_KINDS = ["ONE_TIME_CREDIT", "RECURRING_CREDIT", "PERCENT_DISCOUNT", "MINIMUM_FEE"] as const;

export const createCustomerCreditSchema = z
  .object({
    customerId: id,
    kind: z.enum(CREDIT_KINDS, { message: "Choose a one-time credit, a recurring credit, a percentage discount or a minimum fee." }),
    description: text(120).min(1, "Describe it as the invoice line should read."),
    amount: z.string().trim().optional(),
    percent: z.string().trim().optional(),
    months: z.union([z.literal(""), z.coerce.number().int("Enter whole months.").min(1, "At least 1 month.").max(120, "At most 120 months.")]).optional(),
    startPeriod: z.string().regex(BILLING_PERIOD_PATTERN, BILLING_PERIOD_MESSAGE),
  })
  .superRefine((value, ctx) => {
    if (value.kind === "PERCENT_DISCOUNT") {
      if (!value.percent || !PERCENT.test(value.percent) || Number(value.percent) <= 0 || Number(value.percent) > 100) {
        ctx.addIssue({ code: "custom", path: ["percent"], message: "Enter a percentage above 0, at most 100." });
      }
      if (value.months === undefined || value.months === "") ctx.addIssue({ code: "custom", path: ["months"], message: "Enter for how many months." });
    } else if (!value.amount || !AMOUNT.test(value.amount) || Number(value.amount) <= 0) {
      ctx.addIssue({ code: "custom", path: ["amount"], message: "Enter an amount above 0 such as 25.00 (2 decimals at most)." });
    }
  });

export const revokeCustomerCreditSchema = z.object({ creditId: id });
export const sendInvoiceSchema = z.object({ invoiceId: id });
