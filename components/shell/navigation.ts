import type { Permission } from "@/lib/auth/permissions";

export interface NavItem {
  href: string;
  label: string;
  permission?: Permission;
  /** Only for the partner Microsoft bills (direct CSPs and distributors), never resellers. */
  billingPartnerOnly?: boolean;
}

// The portal's sections, shown to a user only when their role may open them.
export const NAV_ITEMS: NavItem[] = [
  { href: "/dashboard", label: "Dashboard" },
  { href: "/customers", label: "Customers", permission: "customers:read" },
  { href: "/registrations", label: "Registrations", permission: "registrations:read" },
  { href: "/usage", label: "Usage", permission: "usage:read" },
  { href: "/price-list", label: "Price list", permission: "prices:read" },
  { href: "/meters", label: "Meters", permission: "prices:read" },
  { href: "/billing", label: "Billing", permission: "billing:read" },
  { href: "/chargeback/rate-cards", label: "Rate cards", permission: "chargeback:manage", billingPartnerOnly: true },
  { href: "/chargeback/margins", label: "Margins", permission: "chargeback:manage", billingPartnerOnly: true },
  { href: "/partners", label: "Partners", permission: "partners:read" },
  { href: "/settings/api-tokens", label: "API tokens", permission: "apiTokens:manage" },
  { href: "/operator/approvals", label: "Approvals", permission: "platform:operate" },
];
