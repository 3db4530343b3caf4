"use client";

import { useEffect, useRef } from "react";

/**
 * A real modal: the browser's <dialog> opened with showModal() makes the rest of the page inert (focus stays
 * inside), Escape closes it, and focus goes back to where it was when it opened.
 */
export function Modal({
  open,
  onClose,
  label,
  testId,
  children,
}: {
  open: boolean;
  onClose: () => void;
  label: string;
  testId: string;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnTo.current = document.activeElement as HTMLElement | null;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-label={label}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault(); // Escape: close through the parent's state, so both stay in step
        onClose();
      }}
      onKeyDown={(e) => {
        // Tab cycles inside the dialog (the browser would let it leave for its own toolbar).
        if (e.key !== "Tab") return;
        const items = [
          ...e.currentTarget.querySelectorAll<HTMLElement>(
            "button:not([disabled]), input:not([disabled]), textarea:not([disabled]), select, a[href], [tabindex='0']",
          ),
        ];
        if (items.length === 0) return;
        const first = items[0];
        const last = items[items.length - 1];
        if (e.shiftKey && document.activeElement === first) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && document.activeElement === last) {
          e.preventDefault();
          first.focus();
        }
      }}
      onClose={() => {
        returnTo.current?.focus?.();
        if (open) onClose();
      }}
      className="w-[min(42rem,calc(100vw-2rem))] rounded-lg border border-slate-300 bg-white p-4 text-slate-900 backdrop:bg-slate-900/40"
    >
      {open ? children : null}
    </dialog>
  );
}
