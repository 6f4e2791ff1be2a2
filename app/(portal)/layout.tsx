import type { ReactNode } from "react";
import { requirePageScope } from "@/lib/auth/get-scope";
import { AppShell } from "@/components/shell/app-shell";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const scope = await requirePageScope();
  return <AppShell scope={scope}>{children}</AppShell>;
}
