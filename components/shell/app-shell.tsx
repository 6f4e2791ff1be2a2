import type { ReactNode } from "react";
import Link from "next/link";
import type { PartnerScope } from "@/lib/auth/partner-scope";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { navItemsFor } from "./navigation";
import { NavLinks } from "./nav-links";
import { MobileNav } from "./mobile-nav";
import { ResellerSwitcher } from "./reseller-switcher";
import { StackcenterLogo } from "./stackcenter-logo";
import { UserMenu } from "./user-menu";
import { NotificationsLink } from "./notifications-link";

const PARTNER_KIND_LABELS = {
  DIRECT_CSP: "Direct CSP",
  INDIRECT_PROVIDER: "Indirect provider (distributor)",
  INDIRECT_RESELLER: "Indirect reseller",
} as const;

/** `unreadNotifications` is null for users who get no notifications (their role hears of no alerts). */
export function AppShell({ scope, unreadNotifications, children }: { scope: PartnerScope; unreadNotifications: number | null; children: ReactNode }) {
  const items = navItemsFor(scope).map(({ href, label }) => ({ href, label }));
  return (
    <div className="flex min-h-screen">
      {/* The first Tab stop: straight past the navigation to the page's content. */}
      <a
        href="#main-content"
        className="sr-only z-50 rounded-md bg-white px-4 py-2 text-sm font-medium text-brand-700 shadow-lg focus:not-sr-only focus:fixed focus:left-4 focus:top-4"
      >
        Skip to content
      </a>
      <aside className="hidden w-60 shrink-0 flex-col border-r border-slate-200 bg-white p-4 md:flex">
        <Link href="/dashboard" className="mb-6 px-2">
          <StackcenterLogo />
        </Link>
        <NavLinks items={items} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex flex-wrap items-center justify-between gap-4 border-b border-slate-200 bg-white px-4 py-3 sm:px-6">
          <div className="leading-tight">
            <p className="text-sm font-semibold" data-testid="partner-name">
              {scope.partnerName}
            </p>
            <p className="text-xs text-slate-500">{scope.partnerKind ? PARTNER_KIND_LABELS[scope.partnerKind] : "Microsoft · platform operator"}</p>
          </div>
          <div className="flex flex-wrap items-center gap-6">
            {scope.partnerKind === "INDIRECT_PROVIDER" ? <ResellerSwitcher resellers={scope.resellers} selectedResellerId={scope.selectedResellerId} /> : null}
            {unreadNotifications !== null ? <NotificationsLink unread={unreadNotifications} /> : null}
            <UserMenu name={scope.userName} email={scope.email} roleLabel={ROLE_LABELS[scope.role]} />
          </div>
        </header>
        <MobileNav items={items} />
        <main id="main-content" tabIndex={-1} className="mx-auto w-full min-w-0 max-w-7xl flex-1 px-4 py-6 focus:outline-none sm:px-6 sm:py-8">
          {children}
        </main>
      </div>
    </div>
  );
}
