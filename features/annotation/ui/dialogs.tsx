"use client";

import { useState } from "react";
import type { FlagReason } from "../schemas";
import { Modal } from "./modal";

const button = "rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100";
const primary = "rounded bg-slate-900 px-3 py-1.5 text-sm text-white";

export function GuidelinesDialog(p: { open: boolean; html: string; onClose: () => void }) {
  return (
    <Modal open={p.open} onClose={p.onClose} label="Guidelines" testId="guidelines">
      <h2 className="mb-2 text-lg font-semibold">Guidelines</h2>
      <div
        className="prose-verdict max-h-[60vh] overflow-y-auto text-base"
        // Server-sanitized HTML (platform/markdown.ts).
        dangerouslySetInnerHTML={{ __html: p.html || "<p>No guidelines for this study.</p>" }}
      />
      <button
        type="button"
        autoFocus
        onClick={p.onClose}
        className={`${primary} mt-3`}
        data-testid="close-guidelines"
      >
        Start
      </button>
    </Modal>
  );
}

const REASONS: { value: FlagReason; label: string }[] = [
  { value: "broken", label: "Broken (empty, cut off, garbled)" },
  { value: "offensive", label: "Offensive or harmful" },
  { value: "other", label: "Something else" },
];

/** Flagging asks for a reason (and an optional note) and is sent only on confirmation. */
export function FlagDialog(p: {
  open: boolean;
  onClose: () => void;
  onFlag: (flag: { reason: FlagReason; note?: string }) => void;
}) {
  const [reason, setReason] = useState<FlagReason | null>(null);
  const [note, setNote] = useState("");
  const close = () => {
    setReason(null);
    setNote("");
    p.onClose();
  };
  return (
    <Modal open={p.open} onClose={close} label="Flag this item" testId="flag-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!reason) return;
          p.onFlag({ reason, note: note.trim() || undefined });
          close();
        }}
      >
        <h2 className="mb-2 text-lg font-semibold">Flag this item</h2>
        <fieldset className="space-y-1">
          <legend className="mb-1 text-sm">What is wrong with it?</legend>
          {REASONS.map((r, i) => (
            <label key={r.value} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="reason"
                value={r.value}
                autoFocus={i === 0}
                checked={reason === r.value}
                onChange={() => setReason(r.value)}
              />
              {r.label}
            </label>
          ))}
        </fieldset>
        <label className="mt-2 block text-sm">
          Note (optional)
          <textarea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={1000}
            rows={2}
            className="mt-1 block w-full rounded border border-slate-300 px-2 py-1"
            data-testid="flag-note"
          />
        </label>
        <div className="mt-3 flex gap-2">
          <button
            type="submit"
            disabled={!reason}
            className={`${primary} disabled:opacity-50`}
            data-testid="flag-confirm"
          >
            Flag and skip
          </button>
          <button type="button" onClick={close} className={button}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** The keyboard map, shown by `?` and documented in the README. */
export function KeymapDialog(p: { open: boolean; onClose: () => void; scaleSize: number | null }) {
  const rows: [string, string][] = [
    ...(p.scaleSize
      ? ([[`1 – ${Math.min(p.scaleSize, 9)}`, "rate with the scale's labels, worst first"]] as [
          string,
          string,
        ][])
      : ([
          ["1 or ←", "A is better"],
          ["2", "neither is better"],
          ["3 or →", "B is better"],
        ] as [string, string][])),
    ["↑ ↓", "scroll (never a verdict)"],
    ["R", "write a rationale"],
    ["S", "skip this item"],
    ["U or Ctrl+Z", "change your last verdict"],
    ["F", "flag this item"],
    ["G", "guidelines"],
    ["?", "this map"],
    ["Esc", "close a dialog"],
  ];
  return (
    <Modal open={p.open} onClose={p.onClose} label="Keyboard shortcuts" testId="keymap">
      <h2 className="mb-2 text-lg font-semibold">Keyboard shortcuts</h2>
      <table className="text-sm">
        <tbody>
          {rows.map(([k, what]) => (
            <tr key={k}>
              <th scope="row" className="py-0.5 pr-4 text-left font-mono font-normal">
                {k}
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" autoFocus onClick={p.onClose} className={`${button} mt-3`}>
        Close
      </button>
    </Modal>
  );
}
