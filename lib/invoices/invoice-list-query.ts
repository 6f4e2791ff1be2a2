// GET /api/invoices query: ?period=YYYY-MM&customerId=… (both optional). Pure: the route and the
// OpenAPI document share it.
import { z } from "zod";
import { BILLING_PERIOD_MESSAGE, BILLING_PERIOD_PATTERN } from "../billing/billing-period";

export const invoiceListQuerySchema = z.object({
  period: z.string().regex(BILLING_PERIOD_PATTERN, BILLING_PERIOD_MESSAGE).optional(),
  customerId: z.string().min(1).max(100).optional(),
});

export function parseInvoiceListQuery(params: URLSearchParams): z.output<typeof invoiceListQuerySchema> {
  return invoiceListQuerySchema.parse({ period: params.get("period")?.trim() || undefined, customerId: params.get("customerId")?.trim() || undefined });
}
