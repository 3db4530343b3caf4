"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/platform/http/action";

type FormAction = (prev: unknown, form: FormData) => Promise<ActionResult<{ message: string }>>;

/** A form bound to a server action built with `action()`; shows the outcome under it. */
export function ActionForm({
  action,
  submitLabel,
  children,
  className = "",
  testId,
  confirm,
}: {
  action: FormAction;
  submitLabel: string;
  children?: React.ReactNode;
  className?: string;
  testId?: string;
  /** Asks before a destructive action is sent (the browser's own dialog: modal, focus-safe, keyboard-ready). */
  confirm?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form
      action={formAction}
      className={className}
      data-testid={testId}
      onSubmit={confirm ? (e) => (window.confirm(confirm) ? undefined : e.preventDefault()) : undefined}
    >
      {children}
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white disabled:opacity-60"
      >
        {pending ? "…" : submitLabel}
      </button>
      {state ? (
        <p
          role="status"
          data-testid={testId ? `${testId}-result` : undefined}
          className={`mt-1 text-sm ${state.ok ? "text-emerald-700" : "text-red-700"}`}
        >
          {state.ok
            ? state.data.message
            : [state.error, ...Object.entries(state.fieldErrors ?? {}).map(([f, m]) => `${f}: ${m}`)].join(
                " ",
              )}
        </p>
      ) : null}
    </form>
  );
}
