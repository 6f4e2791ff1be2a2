import type { UserRole } from "../../generated/prisma/enums";

// What each role may do, enforced on the server by every action, page and route.
// ADMIN_AGENT: everything in its scope. BILLING_ADMIN: billing, usage and prices (read + exports).
// SALES_AGENT: customers read/write and the price list (as in Partner Center, where sales agents
// read price sheets to quote), no usage or billing. OPERATOR: the platform (Microsoft's side).
export const PERMISSIONS = [
  "customers:read",
  "customers:write",
  "billing:read",
  "billing:export",
  "usage:read",
  "prices:read",
  "registrations:read",
  "registrations:write",
  "partners:read",
  "platform:operate",
  "apiTokens:manage",
  "customers:move",
  "audit:read",
  // A partner's own users and invitations (and, for a distributor, its resellers' users).
  "users:manage",
  // Onboarding, suspending and resuming resellers: only meaningful for a distributor's admins.
  "resellers:manage",
  // Chargeback: rate cards and the margin report (the billing partner only: direct CSPs and
  // distributors; the data functions also refuse resellers, whatever their role).
  "chargeback:manage",
  // Customer statements at the partner's prices (resellers too, without Microsoft cost or margin).
  "statements:read",
  // Monthly budgets per customer.
  "budgets:manage",
  // The partner's own organisation settings (its directory tenant id).
  "organization:manage",
  // The billing partner's monthly exchange rates (CSV import) and its billing currency
  // (docs/currency.md); the data functions also refuse resellers, whatever their role.
  "exchangeRates:manage",
  "billingCurrency:manage",
  // The customer portal (/my): one customer's charges, statements and invoices at the partner's prices.
  "customerPortal:read",
  // The partner's alert settings and webhooks (docs/alerts.md).
  "alerts:manage",
  // One's own alert notifications (the roles alerts are delivered to).
  "notifications:read",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<UserRole, ReadonlySet<Permission>> = {
  ADMIN_AGENT: new Set<Permission>([
    "customers:read",
    "customers:write",
    "billing:read",
    "billing:export",
    "usage:read",
    "prices:read",
    "registrations:read",
    "registrations:write",
    "apiTokens:manage",
    "customers:move",
    "audit:read",
    "users:manage",
    "resellers:manage",
    "chargeback:manage",
    "statements:read",
    "budgets:manage",
    "organization:manage",
    "exchangeRates:manage",
    "billingCurrency:manage",
    "alerts:manage",
    "notifications:read",
  ]),
  BILLING_ADMIN: new Set<Permission>([
    "customers:read",
    "billing:read",
    "billing:export",
    "usage:read",
    "prices:read",
    "registrations:read",
    "audit:read",
    "chargeback:manage",
    "statements:read",
    "budgets:manage",
    "exchangeRates:manage",
    "alerts:manage",
    "notifications:read",
  ]),
  SALES_AGENT: new Set<Permission>(["customers:read", "customers:write", "prices:read"]),
  // Operators browse every partner's registrations, read-only (no registrations:write).
  OPERATOR: new Set<Permission>(["customers:read", "prices:read", "partners:read", "platform:operate", "audit:read", "registrations:read"]),
  // A customer's user: its own statements and invoices (the scope carries the customer, so the
  // statement and invoice functions reach that customer only). Every partner page, action and API
  // answers 404 to this role whatever the permission (lib/auth/get-scope.ts).
  CUSTOMER_READER: new Set<Permission>(["customerPortal:read", "statements:read"]),
};

export function roleHasPermission(role: UserRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

export const ROLE_LABELS: Record<UserRole, string> = {
  ADMIN_AGENT: "Admin agent",
  BILLING_ADMIN: "Billing admin",
  SALES_AGENT: "Sales agent",
  OPERATOR: "Platform operator",
  CUSTOMER_READER: "Customer reader",
};
