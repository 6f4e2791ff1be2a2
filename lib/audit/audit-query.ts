// The audit log's filters, parsed from the URL (page and CSV export share them); no "server-only":
// the filter form uses the type.
import { z } from "zod";

const DAY = /^[1-9]\d{3}-\d{2}-\d{2}$/;

// A real calendar day (Date.parse rolls 2024-02-31 over to 2 March: the round trip catches it); the
// year is bounded so no date PostgreSQL refuses (year 0) reaches the query. Anything else is dropped.
const day = z
  .string()
  .trim()
  .regex(DAY)
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  })
  .optional()
  .catch(undefined);

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => value || undefined)
    .optional()
    .catch(undefined);

export const auditQuerySchema = z.object({
  /** Part of the actor's email, case-insensitive. */
  actor: text(200),
  /** An exact action, e.g. customer.move. */
  action: text(100),
  /** A target type (e.g. Customer) or an exact target id. */
  target: text(200),
  /** First day (UTC), inclusive. */
  from: day,
  /** Last day (UTC), inclusive. */
  to: day,
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export type AuditQuery = z.output<typeof auditQuerySchema>;

type RawParams = Record<string, string | string[] | undefined> | URLSearchParams;

/** Reads the filters from a page's searchParams or a request's URLSearchParams; bad values are dropped. */
export function parseAuditQuery(raw: RawParams): AuditQuery {
  const get = (name: string) => {
    if (raw instanceof URLSearchParams) return raw.get(name) ?? undefined;
    const value = raw[name];
    return (Array.isArray(value) ? value[0] : value) || undefined;
  };
  return auditQuerySchema.parse({
    actor: get("actor"),
    action: get("action"),
    target: get("target"),
    from: get("from"),
    to: get("to"),
    page: get("page"),
  });
}

/** The query string of a filter (page included when > 1), for links, pagination and the export. */
export function auditQueryString(query: AuditQuery, options: { page?: number } = {}): string {
  const params = new URLSearchParams();
  for (const key of ["actor", "action", "target", "from", "to"] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  if (options.page && options.page > 1) params.set("page", String(options.page));
  return params.toString();
}
