"use client";

import { useState } from "react";
import type { AnnotationState, Choice, ItemView, PracticeFeedback } from "../schemas";
import { RatingBody } from "./rating-body";

/** Server-sanitized HTML (platform/markdown.ts): no raw HTML, scripts or images can reach this point. */
function Html({ html, testId }: { html: string; testId?: string }) {
  return (
    <div
      className="prose-verdict text-base"
      data-testid={testId}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}

type ItemPanelProps = {
  item: ItemView;
  /** Callback refs: the annotator keeps the elements to move focus on a new item and on R. */
  onHeadingElement: (el: HTMLHeadingElement | null) => void;
  onRationaleElement: (el: HTMLTextAreaElement | null) => void;
  labels: [string, string, string];
  /** A rating study's scale and the item's ratings so far (one per turn). */
  scale: string[] | null;
  ratings: (number | null)[];
  onRate: (turn: number, label: number) => void;
  selected: Choice | null;
  revising: boolean;
  pending: boolean;
  rationale: string;
  rationaleRequired: boolean;
  onRationale: (v: string) => void;
  onChoose: (c: Choice) => void;
  onSkip: () => void;
  onFlag: () => void;
  onUndo: (() => void) | null;
  onCancelUndo: (() => void) | null;
};

const CHOICES: { choice: Choice; index: 0 | 1 | 2; keys: string }[] = [
  { choice: "A", index: 0, keys: "1 / ←" },
  { choice: "tie", index: 1, keys: "2" },
  { choice: "B", index: 2, keys: "3 / →" },
];
const small = "rounded border border-slate-300 px-2 py-1 hover:bg-slate-100";

export function ItemPanel({ onHeadingElement, ...p }: ItemPanelProps) {
  return (
    <div className="space-y-4">
      {p.revising ? (
        <p className="rounded bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="revising">
          Changing an earlier verdict. Choose again, or{" "}
          <button type="button" className="underline" onClick={p.onCancelUndo ?? undefined}>
            keep it
          </button>{" "}
          (Esc).
        </p>
      ) : null}
      <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid="prompt">
        <h2
          ref={onHeadingElement}
          tabIndex={-1}
          className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-600 outline-none"
        >
          Prompt
        </h2>
        {"html" in p.item.prompt ? (
          <Html html={p.item.prompt.html} />
        ) : (
          <ol className="space-y-3">
            {p.item.prompt.messages.map((m, i) => (
              <li key={i} className="rounded border border-slate-100 p-2">
                <div className="mb-1 text-xs font-semibold uppercase text-slate-600">{m.role}</div>
                <Html html={m.html} />
              </li>
            ))}
          </ol>
        )}
      </section>
      {p.item.kind === "rating" && p.scale ? (
        <>
          <Rationale {...p} onHeadingElement={onHeadingElement} />
          <RatingBody
            item={p.item}
            scale={p.scale}
            ratings={p.ratings}
            pending={p.pending}
            onRate={p.onRate}
          />
        </>
      ) : p.item.kind === "pair" ? (
        <PairBody {...p} onHeadingElement={onHeadingElement} item={p.item} />
      ) : null}
      <div className="flex flex-wrap items-center gap-2 text-sm">
        {p.onUndo ? (
          <button type="button" onClick={p.onUndo} className={small} data-testid="undo">
            Change last verdict (U)
          </button>
        ) : null}
        {!p.revising ? (
          <>
            <button
              type="button"
              onClick={p.onSkip}
              disabled={p.pending}
              className={small}
              data-testid="skip"
            >
              Skip (S)
            </button>
            <button
              type="button"
              onClick={p.onFlag}
              disabled={p.pending}
              className={small}
              data-testid="flag"
            >
              Flag… (F)
            </button>
          </>
        ) : null}
      </div>
    </div>
  );
}

/** The rationale box: above the verdict, so it can be written before voting (R focuses it). */
function Rationale({ onRationaleElement, ...p }: ItemPanelProps) {
  return (
    <label className="block text-sm text-slate-600">
      Rationale ({p.rationaleRequired ? "required" : "optional"}; R)
      <textarea
        ref={onRationaleElement}
        value={p.rationale}
        onChange={(e) => p.onRationale(e.target.value)}
        rows={2}
        maxLength={5000}
        required={p.rationaleRequired}
        data-testid="rationale"
        className="mt-1 block w-full rounded border border-slate-300 px-2 py-1 text-base text-slate-900"
      />
    </label>
  );
}

/**
 * A pairwise item: both responses (side by side on wide screens; on a phone as two tabs, each one tap away), the
 * rationale, and the verdict bar.
 */
function PairBody(p: ItemPanelProps & { item: Extract<ItemView, { kind: "pair" }> }) {
  const item = p.item;
  const [tab, setTab] = useState<"left" | "right">("left");
  const [seenFor, setSeenFor] = useState(item.token);
  if (seenFor !== item.token) {
    // A new item opens on response A.
    setSeenFor(item.token);
    setTab("left");
  }
  return (
    <>
      <div role="tablist" aria-label="Responses" className="grid grid-cols-2 gap-1 lg:hidden">
        {(["left", "right"] as const).map((side) => (
          <button
            key={side}
            type="button"
            role="tab"
            id={`tab-${side}`}
            aria-selected={tab === side}
            aria-controls={`panel-${side}`}
            onClick={() => setTab(side)}
            data-testid={`tab-${side === "left" ? "a" : "b"}`}
            className={`rounded-t border px-3 py-2 text-sm font-medium ${
              tab === side ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white"
            }`}
          >
            Response {side === "left" ? "A" : "B"}
          </button>
        ))}
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        {(["left", "right"] as const).map((side) => (
          <section
            key={side}
            id={`panel-${side}`}
            aria-labelledby={`tab-${side}`}
            className={`min-w-0 rounded-lg border border-slate-200 bg-white p-4 ${tab === side ? "" : "hidden lg:block"}`}
            data-testid={`response-${side === "left" ? "a" : "b"}`}
          >
            <h2 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-600">
              Response {side === "left" ? "A" : "B"}
            </h2>
            <Html html={side === "left" ? item.left : item.right} />
          </section>
        ))}
      </div>
      <Rationale {...p} />
      {/* Sticky so the verdict stays in reach below long responses; one compact row on a phone. */}
      <div
        className="sticky bottom-0 grid grid-cols-3 gap-1 bg-slate-50/95 py-1 sm:gap-2 sm:py-2"
        role="group"
        aria-label="Verdict"
      >
        {CHOICES.map(({ choice, index, keys }) => (
          <button
            key={choice}
            type="button"
            disabled={p.pending}
            onClick={() => p.onChoose(choice)}
            data-testid={`choose-${choice}`}
            aria-pressed={p.selected === choice}
            className={`rounded-lg border px-2 py-2 text-xs font-medium disabled:opacity-60 sm:px-3 sm:py-3 sm:text-sm ${
              p.selected === choice
                ? "border-slate-900 bg-slate-900 text-white"
                : "border-slate-300 bg-white hover:bg-slate-100"
            }`}
          >
            {p.labels[index]} <span className="ml-1 hidden text-xs opacity-70 sm:inline">({keys})</span>
          </button>
        ))}
      </div>
    </>
  );
}

/** After a practice answer: right or not, the expected answer in the page's own words, and why. */
export function PracticeFeedbackPanel(p: {
  feedback: PracticeFeedback;
  labels: [string, string, string];
  scale: string[] | null;
  onClose: () => void;
}) {
  const f = p.feedback;
  const expected =
    typeof f.expected === "number"
      ? (p.scale?.[f.expected] ?? String(f.expected))
      : p.labels[{ A: 0, tie: 1, B: 2 }[f.expected]];
  return (
    <div
      role="status"
      className={`rounded border px-3 py-2 text-sm ${f.correct ? "border-emerald-300 bg-emerald-50" : "border-amber-300 bg-amber-50"}`}
      data-testid="practice-feedback"
    >
      <p className="font-medium">
        {f.correct ? "Right." : `Not quite: the expected answer was "${expected}".`}
      </p>
      {f.explanation ? <p className="mt-1">{f.explanation}</p> : null}
      <button type="button" className="mt-1 underline" onClick={p.onClose}>
        Dismiss
      </button>
    </div>
  );
}

export function WaitPanel() {
  return (
    <div
      className="rounded-lg border border-amber-200 bg-amber-50 p-6 text-center"
      data-testid="wait"
      role="status"
    >
      <h2 className="text-lg font-semibold">Please come back in a few minutes</h2>
      <p className="mt-1 text-sm text-slate-600">
        The remaining items are being worked on by others right now. Any that are not finished will come back;
        this page checks again by itself.
      </p>
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
        {done.reason === "quota"
          ? "All done, thank you!"
          : done.reason === "stopped"
            ? "Thank you for your time: this study has no more items for you."
            : "No more items for you in this study."}
      </h2>
      {done.reason === "stopped" ? null : (
        <p className="mt-1 text-sm text-slate-600">You gave {judged} verdicts.</p>
      )}
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
          Change my last verdict
        </button>
      ) : null}
    </div>
  );
}
