"use client";

import type { ItemView } from "../schemas";

type RatingItem = Extract<ItemView, { kind: "rating" }>;

function Html({ html }: { html: string }) {
  return <div className="prose-verdict text-base" dangerouslySetInnerHTML={{ __html: html }} />;
}

/** The scale's buttons for one response or one turn: keys 1..n in order, shown on the buttons. */
function ScaleBar(p: {
  scale: string[];
  selected: number | null;
  active: boolean;
  pending: boolean;
  onRate: (label: number) => void;
  testId: string;
}) {
  return (
    <div
      className="grid gap-2 sm:grid-flow-col sm:auto-cols-fr"
      role="group"
      aria-label="Rating"
      data-testid={p.testId}
    >
      {p.scale.map((label, i) => (
        <button
          key={label}
          type="button"
          disabled={p.pending}
          onClick={() => p.onRate(i)}
          aria-pressed={p.selected === i}
          data-testid={`rate-${i + 1}`}
          className={`rounded-lg border px-3 py-3 text-sm font-medium disabled:opacity-60 ${
            p.selected === i
              ? "border-slate-900 bg-slate-900 text-white"
              : "border-slate-300 bg-white hover:bg-slate-100"
          }`}
        >
          {label} {p.active && i < 9 ? <span className="ml-1 text-xs opacity-60">({i + 1})</span> : null}
        </button>
      ))}
    </div>
  );
}

/**
 * A rating item: one response rated on the study's scale, or a multi-turn response rated turn by turn (each
 * assistant turn after its user message, the keys rating the first unrated turn; the last one sends them all).
 */
export function RatingBody(p: {
  item: RatingItem;
  scale: string[];
  ratings: (number | null)[];
  pending: boolean;
  onRate: (turn: number, label: number) => void;
}) {
  if (!p.item.turns) {
    return (
      <>
        <section className="min-w-0 rounded-lg border border-slate-200 bg-white p-4" data-testid="response">
          <h2 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Response</h2>
          <Html html={p.item.response} />
        </section>
        <div className="sticky bottom-0 bg-slate-50/95 py-2">
          <ScaleBar
            scale={p.scale}
            selected={p.ratings[0] ?? null}
            active
            pending={p.pending}
            onRate={(label) => p.onRate(0, label)}
            testId="scale"
          />
        </div>
      </>
    );
  }
  const users = "messages" in p.item.prompt ? p.item.prompt.messages.filter((m) => m.role === "user") : [];
  const active = p.ratings.findIndex((r) => r === null);
  return (
    <ol className="space-y-4" data-testid="turns">
      {p.item.turns.map((turn, t) => (
        <li
          key={t}
          className="space-y-2"
          data-testid={`turn-${t + 1}`}
          aria-current={t === active ? "step" : undefined}
        >
          {users[t] ? (
            <div className="rounded border border-slate-100 bg-white p-2">
              <div className="mb-1 text-xs font-semibold uppercase text-slate-500">user</div>
              <Html html={users[t].html} />
            </div>
          ) : null}
          <section
            className={`rounded-lg border bg-white p-4 ${t === active ? "border-slate-900" : "border-slate-200"}`}
          >
            <h2 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
              Assistant, turn {t + 1} of {p.item.turns!.length}
            </h2>
            <Html html={turn} />
          </section>
          <ScaleBar
            scale={p.scale}
            selected={p.ratings[t] ?? null}
            active={t === active}
            pending={p.pending}
            onRate={(label) => p.onRate(t, label)}
            testId={`scale-${t + 1}`}
          />
        </li>
      ))}
    </ol>
  );
}
