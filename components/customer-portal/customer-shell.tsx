import type { ReactNode } from "react";
import type { PartnerScope } from "@/lib/auth/partner-scope";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { NavLinks } from "@/components/shell/nav-links";
import { UserMenu } from "@/components/shell/user-menu";

export const CUSTOMER_NAV_ITEMS = [
  { href: "/my/costs", label: "Cost analysis" },
  { href: "/my/statement", label: "Statements" },
  { href: "/my/invoices", label: "Invoices" },
  { href: "/my/notifications", label: "Notifications" },
];

/** The customer portal's frame: the partner's name (who bills the customer), the customer, three sections. */
export function CustomerShell({ scope, logoVersion, children }: { scope: PartnerScope; logoVersion: string | null; children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main-content"
        className="sr-only z-50 rounded-md bg-white px-4 py-2 text-sm font-medium text-brand-700 shadow-lg focus:not-sr-only focus:fixed focus:left-4 focus:top-4"
      >
        Skip to content
      </a>
      <header className="flex flex-wrap items-center justify-between gap-4 border-b border-slate-200 bg-white px-4 py-3 sm:px-6">
        <div className="flex items-center gap-3 leading-tight">
          {logoVersion ? (
            // The partner's own upload, served by a same-origin route; next/image would add nothing for a small logo.
            // eslint-disable-next-line @next/next/no-img-element
            <img
              src={`/api/partner-logo?v=${logoVersion}`}
              alt={`${scope.partnerName} logo`}
              className="h-10 max-w-40 object-contain"
              data-testid="partner-logo"
            />
          ) : null}
          <div>
            <p className="text-sm font-semibold" data-testid="partner-name">
              {scope.partnerName}
            </p>
            <p className="text-xs text-slate-500" data-testid="customer-name">
              Customer portal · {scope.customerName}
            </p>
          </div>
        </div>
        <UserMenu name={scope.userName} email={scope.email} roleLabel={ROLE_LABELS[scope.role]} />
      </header>
      <div className="border-b border-slate-200 bg-white px-4 py-2 sm:px-6 [&_nav]:flex-row [&_nav]:flex-wrap">
        <NavLinks items={CUSTOMER_NAV_ITEMS} />
      </div>
      <main id="main-content" tabIndex={-1} className="mx-auto w-full min-w-0 max-w-6xl flex-1 px-4 py-6 focus:outline-none sm:px-6 sm:py-8">
        {children}
      </main>
    </div>
  );
}
