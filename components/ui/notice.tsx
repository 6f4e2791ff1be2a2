"use client";
// The portal's one pattern for an action's outcome: a notice in a fixed corner region. Success is
// announced politely (role=status); a failure of an action without a form of its own is announced
// at once (role=alert). Forms keep their failure inline as well (FormError), next to the fields to
// fix. One notice at a time: the next action's outcome replaces it, and it belongs to the page it
// was raised on, so a result never lingers beside an unrelated one.
import { usePathname } from "next/navigation";
import { createContext, useCallback, useContext, useState, type ReactNode } from "react";

export type NoticeTone = "success" | "error";

export interface NoticeInput {
  tone: NoticeTone;
  message: string;
  /** The typed error code of a failure, shown small beside its message. */
  code?: string;
}

interface ShownNotice extends NoticeInput {
  id: number;
  pathname: string;
}

const NoticeContext = createContext<(notice: NoticeInput) => void>(() => undefined);

/** Shows an action's outcome; the previous notice, if any, goes away. */
export function useNotice(): (notice: NoticeInput) => void {
  return useContext(NoticeContext);
}

export function NoticeProvider({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const [notice, setNotice] = useState<ShownNotice | null>(null);
  const show = useCallback(
    (input: NoticeInput) => setNotice((previous) => ({ ...input, id: (previous?.id ?? 0) + 1, pathname: window.location.pathname })),
    [],
  );
  const current = notice && notice.pathname === pathname ? notice : null;
  const dismiss = () => setNotice(null);
  return (
    <NoticeContext.Provider value={show}>
      {children}
      <div className="pointer-events-none fixed inset-x-4 bottom-4 z-50 flex flex-col items-end gap-2 sm:inset-x-auto sm:right-6">
        <div role="status" aria-live="polite" data-testid="notice-region" className="w-full sm:w-96">
          {current?.tone === "success" ? <NoticeCard key={current.id} notice={current} onDismiss={dismiss} /> : null}
        </div>
        {current?.tone === "error" ? (
          <div role="alert" className="w-full sm:w-96">
            <NoticeCard key={current.id} notice={current} onDismiss={dismiss} />
          </div>
        ) : null}
      </div>
    </NoticeContext.Provider>
  );
}

function NoticeCard({ notice, onDismiss }: { notice: ShownNotice; onDismiss: () => void }) {
  const success = notice.tone === "success";
  return (
    <div
      data-testid="notice"
      data-tone={notice.tone}
      className={`pointer-events-auto flex items-start gap-3 rounded-md border px-4 py-3 text-sm shadow-lg ${
        success ? "border-green-200 bg-green-50 text-green-900" : "border-red-200 bg-red-50 text-red-900"
      }`}
    >
      <p className="min-w-0 flex-1 break-words">
        <span className="sr-only">{success ? "Done: " : "Failed: "}</span>
        {notice.message}
        {notice.code ? <span className="block text-xs opacity-80">Code: {notice.code}</span> : null}
      </p>
      <button
        type="button"
        onClick={onDismiss}
        aria-label="Dismiss notice"
        className="rounded px-1 text-lg leading-none opacity-70 hover:opacity-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
      >
        ×
      </button>
    </div>
  );
}
