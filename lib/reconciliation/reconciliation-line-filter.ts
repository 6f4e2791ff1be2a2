// The drill-down's filters (page and CSV export): class, customer, stamp, "differences only".
// Read from the URL; an unknown class is refused, ids are only filters inside the partner's own
// import (a foreign id simply matches nothing). Pure.
import { z } from "zod";
import { RECONCILIATION_CLASSES } from "./reconciliation-classes";

/** "none" selects lines without a customer (default or foreign subscription) or without a stamp. */
export const NO_VALUE = "none";

export const reconciliationLineFilterSchema = z.object({
  class: z.enum(RECONCILIATION_CLASSES, { error: `Use one of ${RECONCILIATION_CLASSES.join(", ")}.` }).optional(),
  customerId: z.string().trim().min(1).max(100).optional(),
  registrationId: z.string().trim().min(1).max(100).optional(),
  differencesOnly: z.boolean().optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
});

export type ReconciliationLineFilter = z.infer<typeof reconciliationLineFilterSchema>;

export function parseReconciliationLineFilter(params: URLSearchParams): ReconciliationLineFilter {
  const get = (key: string) => params.get(key)?.trim() || undefined;
  return reconciliationLineFilterSchema.parse({
    class: get("class"),
    customerId: get("customer"),
    registrationId: get("stamp"),
    differencesOnly: get("differences") === "1" ? true : undefined,
    page: get("page"),
  });
}

/** WHERE conditions on "ReconciliationLine" l, parameters from $2 on ($1 is the import). */
export function reconciliationLineWhere(filter: ReconciliationLineFilter): { where: string; params: unknown[] } {
  const parts = [`l."importId" = $1`];
  const params: unknown[] = [];
  const add = (condition: (n: number) => string, value: unknown) => {
    params.push(value);
    parts.push(condition(params.length + 1));
  };
  if (filter.class) add((n) => `l."class" = $${n}::"ReconciliationClass"`, filter.class);
  if (filter.differencesOnly) parts.push(`l."class" <> 'MATCHED'`);
  if (filter.customerId === NO_VALUE) parts.push(`l."customerId" IS NULL`);
  else if (filter.customerId) add((n) => `l."customerId" = $${n}`, filter.customerId);
  if (filter.registrationId === NO_VALUE) parts.push(`l."registrationId" IS NULL`);
  else if (filter.registrationId) add((n) => `l."registrationId" = $${n}`, filter.registrationId);
  return { where: parts.join(" AND "), params };
}
