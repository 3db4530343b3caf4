"use client";

import { useState } from "react";

/** Copies `text` to the clipboard and says so (for screen readers too). */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  return (
    <button
      type="button"
      className="rounded border border-slate-300 px-2 py-1 text-sm"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied("yes");
        } catch {
          setCopied("no");
        }
      }}
    >
      {label}
      <span role="status" className="ml-1 text-xs text-slate-600">
        {copied === "yes" ? "copied" : copied === "no" ? "select and copy by hand" : ""}
      </span>
    </button>
  );
}
