"use client";

import type { Choice, ItemView } from "../schemas";

/** What was sent for an item: a verdict, or a rating study's label indexes (one per turn). */
export type Payload = { choice: Choice } | { ratings: number[] };
/** A verdict of this session: the item as shown, what was sent, and the count of finished items it made. */
export type HistoryEntry = { item: ItemView; payload: Payload; finishedAt: number };

const firstWords = (item: ItemView) => {
  const html = "html" in item.prompt ? item.prompt.html : (item.prompt.messages.at(-1)?.html ?? "");
  const text = html
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
};

/** The session's last verdicts (up to ten), each with a button to change it. */
export function HistoryList(p: {
  entries: HistoryEntry[];
  labels: [string, string, string];
  scale: string[] | null;
  revising: number | null;
  onRevise: (index: number) => void;
}) {
  if (p.entries.length === 0) return null;
  const said = (payload: Payload) =>
    "choice" in payload
      ? p.labels[{ A: 0, tie: 1, B: 2 }[payload.choice]]
      : payload.ratings.map((r) => p.scale?.[r] ?? r).join(", ");
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="history">
      <summary className="cursor-pointer">Your last {p.entries.length} verdicts (change any of them)</summary>
      <ol className="mt-2 space-y-1">
        {p.entries.map((e, i) => (
          <li key={e.item.token} className="flex flex-wrap items-center justify-between gap-2">
            <span className="min-w-0 break-words">
              <span className="text-slate-600">{firstWords(e.item)}</span> →{" "}
              <strong>{said(e.payload)}</strong>
            </span>
            <button
              type="button"
              disabled={p.revising === i}
              onClick={() => p.onRevise(i)}
              className="rounded border border-slate-300 px-2 py-0.5 disabled:opacity-50"
              data-testid={`history-change-${i}`}
            >
              Change
            </button>
          </li>
        ))}
      </ol>
    </details>
  );
}
