// Input schemas of the period actions; shared with the forms, so no "server-only" here.
import { z } from "zod";
import { BILLING_PERIOD_MESSAGE, BILLING_PERIOD_PATTERN } from "../billing/billing-period";

export const closePeriodSchema = z
  .object({
    period: z.string().regex(BILLING_PERIOD_PATTERN, BILLING_PERIOD_MESSAGE),
    /** The confirm step: the admin types the period again. */
    confirm: z.string(),
  })
  .refine((value) => value.confirm === value.period, {
    path: ["confirm"],
    message: "Type the period (YYYY-MM) to confirm: a closed period can't be reopened.",
  });
