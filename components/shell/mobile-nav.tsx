"use client";
// Phones: the navigation folds behind a Menu button, so the page's content is the first screen.
import { usePathname } from "next/navigation";
import { useState } from "react";
import { NavLinks } from "./nav-links";

export function MobileNav({ items }: { items: { href: string; label: string }[] }) {
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  // Open only on the page it was opened on: following a link closes it.
  const open = openOn === pathname;
  return (
    <div className="border-b border-slate-200 bg-white px-4 py-2 md:hidden">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="mobile-navigation"
        onClick={() => setOpenOn(open ? null : pathname)}
        className="inline-flex items-center gap-2 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700"
      >
        <span aria-hidden="true">{open ? "✕" : "☰"}</span>
        Menu
      </button>
      <div id="mobile-navigation" hidden={!open} className="pt-2">
        <NavLinks items={items} />
      </div>
    </div>
  );
}
