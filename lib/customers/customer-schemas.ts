// Input schemas of the customer actions; shared with the forms, so no "server-only" here.
import { z } from "zod";
import { CSP_MARKETS } from "./csp-markets";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const trimmed = (label: string, max: number) => z.string().trim().min(1, `${label} is required.`).max(max, `${label} must be at most ${max} characters.`);

const optionalGuid = (label: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .refine((value) => value === "" || GUID.test(value), `${label} must be a GUID like 3f2504e0-4f89-11d3-9a0c-0305e82c3301.`)
    .transform((value) => (value === "" ? undefined : value));

export const countrySchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => CSP_MARKETS.some((market) => market.code === code), "Choose a country from the list.");

export const createCustomerSchema = z.object({
  companyName: trimmed("Company name", 120),
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "Directory domain is required.")
    .refine((d) => DOMAIN.test(d), "Enter a domain like fabrikam.onmicrosoft.com."),
  tenantId: optionalGuid("Directory tenant ID").optional(),
  country: countrySchema,
  /** Distributors choose which reseller owns the customer; others own their customers themselves. */
  ownerPartnerId: z.string().trim().optional(),
});
export type CreateCustomerInput = z.input<typeof createCustomerSchema>;

export const updateCustomerSchema = z.object({
  customerId: z.string().min(1),
  companyName: trimmed("Company name", 120),
  country: countrySchema,
});
export type UpdateCustomerInput = z.input<typeof updateCustomerSchema>;

export const addCspSubscriptionSchema = z.object({
  customerId: z.string().min(1),
  displayName: trimmed("Subscription name", 80),
  subscriptionId: optionalGuid("Subscription ID").optional(),
});
export type AddCspSubscriptionInput = z.input<typeof addCspSubscriptionSchema>;

/** The customer list's sortable columns (?sort=…&dir=asc|desc); by name when unset. */
export const CUSTOMER_SORTS = ["name", "domain", "country", "owner", "subscriptions", "created"] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

export const listCustomersQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  country: z.string().trim().toUpperCase().length(2).optional().catch(undefined),
  reseller: z.string().trim().max(40).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  sort: z.enum(CUSTOMER_SORTS).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
});
export type ListCustomersQuery = z.output<typeof listCustomersQuerySchema>;

export const moveCustomerSchema = z.object({
  customerId: z.string().trim().min(1).max(40),
  toPartnerId: z.string().trim().min(1, "Choose the reseller that will own this customer.").max(40),
  note: z
    .string()
    .trim()
    .max(500, "At most 500 characters.")
    .optional()
    .transform((note) => (note ? note : undefined)),
});
export type MoveCustomerInput = z.input<typeof moveCustomerSchema>;
