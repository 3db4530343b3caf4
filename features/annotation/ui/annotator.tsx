"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { AnnotationState, FlagReason, ItemView, PracticeFeedback } from "../schemas";
import { FlagDialog, GuidelinesDialog, KeymapDialog } from "./dialogs";
import { HistoryList, type HistoryEntry, type Payload } from "./history";
import { CompletionPanel, ItemPanel, PracticeFeedbackPanel, WaitPanel } from "./panels";
import { useLabellingKeys } from "./use-keys";
import { useVisibleTimer } from "./use-visible-timer";
// The server keeps a verdict revisable until this many more items are finished after it.
import { REVISABLE } from "../rules";

type Props = {
  studyId: number;
  title: string;
  labels: [string, string, string];
  /** A rating study's scale, worst first; null for a pairwise study. */
  scale: string[] | null;
  guidelinesHtml: string;
  rationaleRequired: boolean;
  initial: AnnotationState;
};

const turnsOf = (item: ItemView | null) => (item?.kind === "rating" && item.turns ? item.turns.length : 1);

/** Posts with retries and backoff (about 10 s in all); the request id makes a retried verdict count once. */
async function post(url: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      if (res.status >= 500) throw new Error(`server error ${res.status}`);
      return { status: res.status, json: await res.json() };
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 300 * 2 ** attempt));
    }
  }
  throw lastError;
}

export function Annotator({
  studyId,
  title,
  labels,
  scale,
  guidelinesHtml,
  rationaleRequired,
  initial,
}: Props) {
  const [state, setState] = useState(initial);
  // The session's verdicts, newest first, each revisable until REVISABLE more items are finished after it.
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [finished, setFinished] = useState(0);
  const [revising, setRevising] = useState<number | null>(null);
  const [rationale, setRationale] = useState("");
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [dialog, setDialog] = useState<"guidelines" | "flag" | "keys" | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [feedback, setFeedback] = useState<PracticeFeedback | null>(null);
  const rationaleBox = useRef<HTMLTextAreaElement>(null);
  const itemHeading = useRef<HTMLHeadingElement>(null);
  const requestIds = useRef(new Map<string, string>());
  const setHeadingElement = useCallback((el: HTMLHeadingElement | null) => {
    itemHeading.current = el;
  }, []);
  const setRationaleElement = useCallback((el: HTMLTextAreaElement | null) => {
    rationaleBox.current = el;
  }, []);
  const revisable = history.filter((h) => finished - h.finishedAt <= REVISABLE);
  const revised = revising !== null ? revisable[revising] : null;
  const shown = revised ? revised.item : state.item;
  const timer = useVisibleTimer(shown?.token ?? null);
  // A rating item's ratings so far (per turn), kept per shown item.
  const [ratingsFor, setRatingsFor] = useState<{ token: string | null; ratings: (number | null)[] }>({
    token: null,
    ratings: [],
  });
  const ratings =
    ratingsFor.token === (shown?.token ?? null) ? ratingsFor.ratings : new Array(turnsOf(shown)).fill(null);
  const base = `/api/annotate/${studyId}`;

  useEffect(() => {
    const key = `verdict:guidelines-seen:${studyId}`;
    if (!localStorage.getItem(key)) {
      // localStorage exists only after hydration, so this cannot be initial state.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setDialog("guidelines");
      localStorage.setItem(key, "1");
    }
  }, [studyId]);

  // A new item: say so to screen readers and move focus to its start (the page scrolls back to the prompt).
  const token = state.item?.token ?? null;
  useEffect(() => {
    if (!token) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setAnnouncement(`New item. ${state.judged} done.`);
    itemHeading.current?.focus({ preventScroll: false });
  }, [token, state.judged]);

  useEffect(() => {
    if (!state.busy && !state.wait) return;
    // Busy: retry at once; waiting for leased items to come back: look again every half minute.
    const t = setTimeout(
      async () => setState(await (await fetch(`${base}/state`)).json()),
      state.busy ? 1000 : 30_000,
    );
    return () => clearTimeout(t);
  }, [state.busy, state.wait, base]);

  const submit = useCallback(
    async (payload: Payload) => {
      if (!shown || pending) return;
      if (rationaleRequired && !rationale.trim()) {
        setMessage("This study asks for a rationale with every verdict: write one first (R).");
        rationaleBox.current?.focus();
        return;
      }
      // One request id per (item, choice attempt): a retry or double press reuses it.
      const key = `${shown.token}:${revised ? "revise" : "first"}:${JSON.stringify(payload)}`;
      const requestId = requestIds.current.get(key) ?? crypto.randomUUID();
      requestIds.current.set(key, requestId);
      setPending(true);
      setMessage(null);
      try {
        const { status, json } = await post(`${base}/judgments`, {
          token: shown.token,
          ...payload,
          rationale: rationale.trim() || undefined,
          durationMs: timer.elapsed(),
          requestId,
        });
        if (status >= 400) setMessage(String(json.error ?? "Could not save this verdict."));
        setFeedback((json.feedback as PracticeFeedback | null | undefined) ?? null);
        if (json.state) setState(json.state as AnnotationState);
        else if (status < 400) setState(await (await fetch(`${base}/state`)).json());
        if (status < 400) {
          if (revised)
            setHistory((h) => h.map((e) => (e.item.token === revised.item.token ? { ...e, payload } : e)));
          else {
            setHistory((h) => [{ item: shown, payload, finishedAt: finished + 1 }, ...h].slice(0, REVISABLE));
            setFinished((f) => f + 1);
          }
          setRevising(null);
          setRationale("");
        }
      } catch {
        setMessage("Network problem: your verdict was not saved. Please try again.");
      } finally {
        setPending(false);
      }
    },
    [shown, pending, revised, rationale, rationaleRequired, timer, base, finished],
  );

  /** Rates one turn (or the single response); the last missing rating sends them all. */
  const rate = useCallback(
    (turn: number, label: number) => {
      if (!shown || pending) return;
      const next = [...ratings];
      next[turn] = label;
      setRatingsFor({ token: shown.token, ratings: next });
      if (next.every((r) => r !== null)) void submit({ ratings: next as number[] });
    },
    [shown, pending, ratings, submit],
  );

  const pass = useCallback(
    async (flag?: { reason: FlagReason; note?: string }) => {
      if (!state.item || pending || revised) return;
      setPending(true);
      try {
        const { status, json } = await post(`${base}/pass`, { token: state.item.token, flag });
        if (status >= 400) setMessage(String(json.error));
        else {
          setState(json.state as AnnotationState);
          setFinished((f) => f + 1);
          setRationale("");
          setMessage(flag ? "Thanks, the item was flagged." : null);
        }
      } catch {
        setMessage("Network problem: please try again.");
      } finally {
        setPending(false);
      }
    },
    [state.item, pending, revised, base],
  );

  const undo = () => (revisable.length ? setRevising(0) : undefined);
  useLabellingKeys(
    {
      choose: (choice) => (scale ? undefined : void submit({ choice })),
      rate: (label) => {
        const turn = ratings.findIndex((r) => r === null);
        rate(turn < 0 ? ratings.length - 1 : turn, label);
      },
      skip: () => void pass(),
      undo,
      flag: () => (state.item && !revised ? setDialog("flag") : undefined),
      guidelines: () => setDialog("guidelines"),
      keymap: () => setDialog("keys"),
      rationale: () => rationaleBox.current?.focus(),
      cancel: () => setRevising(null),
    },
    scale ? scale.length : null,
    dialog !== null,
  );

  const previousPayload = revised?.payload;
  return (
    <div className="space-y-4" data-testid="annotator">
      <p className="sr-only" aria-live="polite" data-testid="announcement">
        {announcement}
      </p>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">{title}</h1>
        <div className="flex items-center gap-2 text-sm">
          <span data-testid="progress" className="tabular-nums text-slate-600">
            {state.judged}
            {state.quota !== null ? ` / ${state.quota}` : ""} done
          </span>
          <button
            type="button"
            className="rounded border border-slate-300 px-2 py-1"
            onClick={() => setDialog("guidelines")}
            data-testid="open-guidelines"
          >
            Guidelines (G)
          </button>
          <button
            type="button"
            className="rounded border border-slate-300 px-2 py-1"
            onClick={() => setDialog("keys")}
            data-testid="open-keymap"
            aria-label="Keyboard shortcuts"
          >
            ?
          </button>
        </div>
      </div>
      <GuidelinesDialog
        open={dialog === "guidelines"}
        html={guidelinesHtml}
        onClose={() => setDialog(null)}
      />
      <KeymapDialog
        open={dialog === "keys"}
        onClose={() => setDialog(null)}
        scaleSize={scale?.length ?? null}
      />
      <FlagDialog open={dialog === "flag"} onClose={() => setDialog(null)} onFlag={(f) => void pass(f)} />
      {state.warning ? (
        <p
          role="alert"
          className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900"
          data-testid="quality-warning"
        >
          {state.warning}
        </p>
      ) : null}
      {feedback ? (
        <PracticeFeedbackPanel
          feedback={feedback}
          labels={labels}
          scale={scale}
          onClose={() => setFeedback(null)}
        />
      ) : null}
      {state.practice && state.item ? (
        <p className="rounded bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="practice">
          Practice item: you will see the expected answer after yours. {state.practice.of} practice items come
          before the real ones.
        </p>
      ) : null}
      {message ? (
        <p
          role="status"
          className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900"
          data-testid="annotator-message"
        >
          {message}
        </p>
      ) : null}
      {shown ? (
        <ItemPanel
          item={shown}
          onHeadingElement={setHeadingElement}
          onRationaleElement={setRationaleElement}
          labels={labels}
          scale={scale}
          ratings={ratings}
          onRate={rate}
          selected={previousPayload && "choice" in previousPayload ? previousPayload.choice : null}
          revising={revised !== null}
          pending={pending}
          rationale={rationale}
          rationaleRequired={rationaleRequired}
          onRationale={setRationale}
          onChoose={(choice) => void submit({ choice })}
          onSkip={() => pass()}
          onFlag={() => setDialog("flag")}
          onUndo={revisable.length && !revised ? undo : null}
          onCancelUndo={revised ? () => setRevising(null) : null}
        />
      ) : state.done ? (
        <CompletionPanel done={state.done} judged={state.judged} onUndo={revisable.length ? undo : null} />
      ) : state.wait ? (
        <WaitPanel />
      ) : (
        <p className="text-slate-600">Finding the next item…</p>
      )}
      <HistoryList
        entries={revisable}
        labels={labels}
        scale={scale}
        revising={revising}
        onRevise={setRevising}
      />
    </div>
  );
}
