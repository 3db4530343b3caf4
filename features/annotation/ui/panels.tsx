"use client";

import type { AnnotationState, Choice, FlagReason, ItemView } from "../schemas";
import { RatingBody } from "./rating-body";

/** Server-sanitized HTML (lib/markdown.ts): no raw HTML, scripts or images can reach this point. */
function Html({ html, testId }: { html: string; testId?: string }) {
  return (
    <div className="prose-verdict text-sm" data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />
  );
}

type ItemPanelProps = {
  item: ItemView;
  labels: [string, string, string];
  /** A rating study's scale and the item's ratings so far (one per turn). */
  scale: string[] | null;
  ratings: (number | null)[];
  onRate: (turn: number, label: number) => void;
  selected: Choice | null;
  revising: boolean;
  pending: boolean;
  rationale: string;
  onRationale: (v: string) => void;
  onChoose: (c: Choice) => void;
  onSkip: () => void;
  onFlag: (reason: FlagReason) => void;
  onUndo: (() => void) | null;
  onCancelUndo: (() => void) | null;
};

const CHOICES: { choice: Choice; index: 0 | 1 | 2; keys: string }[] = [
  { choice: "A", index: 0, keys: "1 / ←" },
  { choice: "tie", index: 1, keys: "2 / ↓" },
  { choice: "B", index: 2, keys: "3 / →" },
];

export function ItemPanel(p: ItemPanelProps) {
  return (
    <div className="space-y-4">
      {p.revising ? (
        <p className="rounded bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="revising">
          Changing your previous verdict. Choose again, or{" "}
          <button type="button" className="underline" onClick={p.onCancelUndo ?? undefined}>
            keep it
          </button>
          .
        </p>
      ) : null}
      <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid="prompt">
        <h2 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Prompt</h2>
        {"html" in p.item.prompt ? (
          <Html html={p.item.prompt.html} />
        ) : (
          <ol className="space-y-3">
            {p.item.prompt.messages.map((m, i) => (
              <li key={i} className="rounded border border-slate-100 p-2">
                <div className="mb-1 text-xs font-semibold uppercase text-slate-500">{m.role}</div>
                <Html html={m.html} />
              </li>
            ))}
          </ol>
        )}
      </section>
      {p.item.kind === "rating" && p.scale ? (
        <RatingBody item={p.item} scale={p.scale} ratings={p.ratings} pending={p.pending} onRate={p.onRate} />
      ) : p.item.kind === "pair" ? (
        <PairBody {...p} item={p.item} />
      ) : null}
      <label className="block text-sm text-slate-600">
        Rationale (optional)
        <textarea
          value={p.rationale}
          onChange={(e) => p.onRationale(e.target.value)}
          rows={2}
          maxLength={5000}
          data-testid="rationale"
          className="mt-1 block w-full rounded border border-slate-300 px-2 py-1 text-slate-900"
        />
      </label>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        {p.onUndo ? (
          <button
            type="button"
            onClick={p.onUndo}
            className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100"
            data-testid="undo"
          >
            Undo previous
          </button>
        ) : null}
        {!p.revising ? (
          <>
            <button
              type="button"
              onClick={p.onSkip}
              disabled={p.pending}
              className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100"
              data-testid="skip"
            >
              Skip
            </button>
            <label className="flex items-center gap-1">
              Flag:
              <select
                defaultValue=""
                data-testid="flag"
                onChange={(e) => e.target.value && p.onFlag(e.target.value as FlagReason)}
                className="rounded border border-slate-300 px-1 py-1"
              >
                <option value="">choose a reason…</option>
                <option value="broken">broken</option>
                <option value="offensive">offensive</option>
                <option value="other">other</option>
              </select>
            </label>
          </>
        ) : null}
      </div>
    </div>
  );
}

/** A pairwise item: both responses and the verdict bar. */
function PairBody(p: ItemPanelProps & { item: Extract<ItemView, { kind: "pair" }> }) {
  const item = p.item;
  return (
    <>
      <div className="grid gap-4 lg:grid-cols-2">
        {(["left", "right"] as const).map((side) => (
          <section
            key={side}
            className="min-w-0 rounded-lg border border-slate-200 bg-white p-4"
            data-testid={`response-${side === "left" ? "a" : "b"}`}
          >
            <h2 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
              Response {side === "left" ? "A" : "B"}
            </h2>
            <Html html={side === "left" ? item.left : item.right} />
          </section>
        ))}
      </div>
      {/* Sticky so the verdict stays in reach below long responses. */}
      <div className="sticky bottom-0 grid gap-2 bg-slate-50/95 py-2 sm:grid-cols-3">
        {CHOICES.map(({ choice, index, keys }) => (
          <button
            key={choice}
            type="button"
            disabled={p.pending}
            onClick={() => p.onChoose(choice)}
            data-testid={`choose-${choice}`}
            aria-pressed={p.selected === choice}
            className={`rounded-lg border px-3 py-3 text-sm font-medium disabled:opacity-60 ${
              p.selected === choice
                ? "border-slate-900 bg-slate-900 text-white"
                : "border-slate-300 bg-white hover:bg-slate-100"
            }`}
          >
            {p.labels[index]} <span className="ml-1 text-xs opacity-60">({keys})</span>
          </button>
        ))}
      </div>
    </>
  );
}

export function GuidelinesPanel({ html, onClose }: { html: string; onClose: () => void }) {
  return (
    <div
      role="dialog"
      aria-label="Guidelines"
      className="rounded-lg border border-sky-200 bg-sky-50 p-4"
      data-testid="guidelines"
    >
      <Html html={html || "<p>No guidelines for this study.</p>"} />
      <button
        type="button"
        onClick={onClose}
        className="mt-2 rounded bg-slate-900 px-3 py-1 text-sm text-white"
        data-testid="close-guidelines"
      >
        Start
      </button>
    </div>
  );
}

export function CompletionPanel({
  done,
  judged,
  onUndo,
}: {
  done: NonNullable<AnnotationState["done"]>;
  judged: number;
  onUndo: (() => void) | null;
}) {
  return (
    <div
      className="rounded-lg border border-emerald-200 bg-emerald-50 p-6 text-center"
      data-testid="completion"
    >
      <h2 className="text-lg font-semibold">
        {done.reason === "quota" ? "All done, thank you!" : "No more items for you in this study."}
      </h2>
      <p className="mt-1 text-sm text-slate-600">You gave {judged} verdicts.</p>
      {done.completion ? (
        <p className="mt-4">
          Completion code:{" "}
          <code className="rounded bg-white px-2 py-1 text-lg font-semibold" data-testid="completion-code">
            {done.completion.code}
          </code>
        </p>
      ) : null}
      {done.completion?.redirectUrl ? (
        <a
          href={done.completion.redirectUrl}
          className="mt-4 inline-block rounded bg-slate-900 px-4 py-2 text-white"
          data-testid="completion-redirect"
        >
          Return to the study platform
        </a>
      ) : null}
      {onUndo ? (
        <button
          type="button"
          onClick={onUndo}
          className="mt-4 block w-full text-sm underline"
          data-testid="undo"
        >
          Undo my last verdict
        </button>
      ) : null}
    </div>
  );
}
