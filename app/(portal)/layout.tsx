import type { ReactNode } from "react";
import { requirePageScope } from "@/lib/auth/get-scope";
import { scopeCan } from "@/lib/auth/partner-scope";
import { countUnreadNotifications } from "@/lib/alerts/count-unread-notifications";
import { AppShell } from "@/components/shell/app-shell";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const scope = await requirePageScope();
  const unread = scopeCan(scope, "notifications:read") ? await countUnreadNotifications(scope) : null;
  return (
    <AppShell scope={scope} unreadNotifications={unread}>
      {children}
    </AppShell>
  );
}
