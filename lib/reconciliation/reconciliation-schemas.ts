// Inputs of the reconciliation's actions and API, shared with the forms. Pure.
import { z } from "zod";
import { BILLING_PERIOD_MESSAGE, BILLING_PERIOD_PATTERN } from "../billing/billing-period";

export const periodSchema = z.string({ error: BILLING_PERIOD_MESSAGE }).regex(BILLING_PERIOD_PATTERN, BILLING_PERIOD_MESSAGE);

export const TOLERANCE_MESSAGE = "Use a percentage from 0 to 100, e.g. 0.5.";
export const toleranceSchema = z
  .string({ error: TOLERANCE_MESSAGE })
  .trim()
  .regex(/^\d{1,3}(\.\d{1,4})?$/, TOLERANCE_MESSAGE)
  .refine((value) => Number(value) <= 100, TOLERANCE_MESSAGE);

export const reviewReconciliationSchema = z.object({ period: periodSchema });
export const setReconciliationToleranceSchema = z.object({ period: periodSchema, tolerancePercent: toleranceSchema });
