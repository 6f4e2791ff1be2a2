import type { ReactNode } from "react";
import { requirePageScope } from "@/lib/auth/get-scope";

// Printable documents: signed-in only, without the portal's navigation, sized for A4 paper.
export default async function PrintLayout({ children }: { children: ReactNode }) {
  await requirePageScope();
  return <div className="min-h-screen bg-white print:bg-white">{children}</div>;
}
