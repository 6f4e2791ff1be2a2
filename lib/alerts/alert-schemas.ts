// Input schemas of the alert actions (Settings → Alerts, webhooks, notifications); no "server-only":
// plain zod, the forms may share them.
import { z } from "zod";

const id = z.string().trim().min(1).max(100);
const AMOUNT = /^\d{1,14}(\.\d{1,2})?$/;
const FACTOR = /^\d{1,3}(\.\d{1,2})?$/;

export const ALERT_THRESHOLD_LIMIT = 10;

/** "50, 90, 100" (or an array) → distinct whole percentages, ascending. */
const thresholds = z
  .union([z.string(), z.array(z.union([z.string(), z.number()]))])
  .transform((value) => (Array.isArray(value) ? value.map(String) : value.split(/[\s,;]+/)).map((part) => part.trim()).filter(Boolean))
  .pipe(
    z
      .array(z.string().regex(/^\d{1,4}$/, "Enter whole percentages, e.g. 50, 90, 100."))
      .max(ALERT_THRESHOLD_LIMIT, `At most ${ALERT_THRESHOLD_LIMIT} thresholds.`)
      .transform((values) => [...new Set(values.map(Number))].sort((a, b) => a - b))
      .refine((values) => values.every((value) => value >= 1 && value <= 1000), "Each threshold is between 1 and 1000 %."),
  );

/** Checkboxes arrive as "on"/"true" (form) or booleans (direct calls); absent means off. */
const flag = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((value) => value === true || value === "on" || value === "true");

export const saveAlertSettingsSchema = z
  .object({
    budgetThresholds: thresholds,
    budgetOnActual: flag,
    budgetOnForecast: flag,
    anomalyFactor: z
      .string()
      .trim()
      .regex(FACTOR, "Enter a factor such as 1.5 (two decimals at most).")
      .refine((value) => Number(value) >= 1 && Number(value) <= 100, "The factor is between 1 and 100."),
    anomalyBaselineDays: z.coerce.number({ message: "Enter whole days." }).int("Enter whole days.").min(7, "At least 7 days.").max(60, "At most 60 days."),
    anomalyMinimumAmount: z.string().trim().regex(AMOUNT, "Enter an amount such as 10 or 25.50."),
    emailEnabled: flag,
    notifyCustomerUsers: flag,
  })
  .refine((value) => value.budgetThresholds.length === 0 || value.budgetOnActual || value.budgetOnForecast, {
    path: ["budgetOnActual"],
    message: "Choose actual, forecast or both (or remove the thresholds).",
  });

export const createAlertWebhookSchema = z.object({
  url: z.string().trim().min(1, "Enter the URL alerts are POSTed to.").max(2000, "At most 2000 characters."),
});

export const alertWebhookIdSchema = z.object({ webhookId: id });

export const setAlertWebhookActiveSchema = z.object({ webhookId: id, active: z.boolean() });

/** One notification, or every unread one of the signed-in user. */
export const markNotificationsReadSchema = z.union([z.object({ notificationId: id }), z.object({ all: z.literal(true) })]);
