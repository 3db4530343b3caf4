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
