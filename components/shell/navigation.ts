import type { PartnerKind } from "@/generated/prisma/enums";
import { roleHasPermission, type Permission } from "@/lib/auth/permissions";

export interface NavItem {
  href: string;
  label: string;
  permission?: Permission;
  /** Shown only to users of these partner kinds (e.g. resellers are a distributor's concern). */
  partnerKinds?: PartnerKind[];
  /** Only for the partner Microsoft bills (direct CSPs and distributors), never resellers. */
  billingPartnerOnly?: boolean;
}

// The portal's sections, shown to a user only when their role (and partner kind) may open them.
export const NAV_ITEMS: NavItem[] = [
  { href: "/dashboard", label: "Dashboard" },
  { href: "/customers", label: "Customers", permission: "customers:read" },
  { href: "/registrations", label: "Registrations", permission: "registrations:read" },
  { href: "/usage", label: "Usage", permission: "usage:read" },
  { href: "/price-list", label: "Price list", permission: "prices:read" },
  { href: "/meters", label: "Meters", permission: "prices:read" },
  { href: "/billing", label: "Billing", permission: "billing:read" },
  { href: "/cost-analysis", label: "Cost analysis", permission: "billing:read" },
  { href: "/billing/reconciliation", label: "Reconciliation", permission: "billing:read", billingPartnerOnly: true },
  { href: "/invoices", label: "Invoices", permission: "statements:read" },
  { href: "/chargeback/rate-cards", label: "Rate cards", permission: "chargeback:manage", billingPartnerOnly: true },
  { href: "/chargeback/margins", label: "Margins", permission: "chargeback:manage", billingPartnerOnly: true },
  { href: "/partners", label: "Partners", permission: "partners:read" },
  { href: "/partners", label: "Resellers", permission: "resellers:manage", partnerKinds: ["INDIRECT_PROVIDER"] },
  { href: "/settings/users", label: "Users", permission: "users:manage" },
  { href: "/settings/api-tokens", label: "API tokens", permission: "apiTokens:manage" },
  { href: "/settings/organization", label: "Organization", permission: "organization:manage" },
  { href: "/settings/alerts", label: "Alerts", permission: "alerts:manage" },
  { href: "/settings/webhooks", label: "Webhooks", permission: "alerts:manage" },
  { href: "/operator/approvals", label: "Approvals", permission: "platform:operate" },
  { href: "/audit", label: "Audit log", permission: "audit:read" },
];

/** The items one user sees. */
export function navItemsFor(scope: { role: Parameters<typeof roleHasPermission>[0]; partnerKind: PartnerKind | null }): NavItem[] {
  return NAV_ITEMS.filter(
    (item) =>
      (!item.permission || roleHasPermission(scope.role, item.permission)) &&
      (!item.billingPartnerOnly || scope.partnerKind === "DIRECT_CSP" || scope.partnerKind === "INDIRECT_PROVIDER") &&
      (!item.partnerKinds || (scope.partnerKind !== null && item.partnerKinds.includes(scope.partnerKind))),
  );
}
