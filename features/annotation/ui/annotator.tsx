"use client";

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { AnnotationState, Choice, FlagReason, ItemView } from "../schemas";
import { CompletionPanel, GuidelinesPanel, ItemPanel } from "./panels";
import { useVisibleTimer } from "./use-visible-timer";

type Props = {
  studyId: number;
  title: string;
  labels: [string, string, string];
  /** A rating study's scale, worst first; null for a pairwise study. */
  scale: string[] | null;
  guidelinesHtml: string;
  initial: AnnotationState;
};
/** What is sent for an item: a verdict, or a rating study's label indexes (one per turn). */
type Payload = { choice: Choice } | { ratings: number[] };
type Previous = { item: ItemView; payload: Payload };

const turnsOf = (item: ItemView | null) => (item?.kind === "rating" && item.turns ? item.turns.length : 1);

const KEYS: Record<string, Choice> = {
  "1": "A",
  ArrowLeft: "A",
  "2": "tie",
  ArrowDown: "tie",
  "3": "B",
  ArrowRight: "B",
};

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

export function Annotator({ studyId, title, labels, scale, guidelinesHtml, initial }: Props) {
  const [state, setState] = useState(initial);
  const [previous, setPrevious] = useState<Previous | null>(null);
  const [revising, setRevising] = useState(false);
  const [rationale, setRationale] = useState("");
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [guidelinesOpen, setGuidelinesOpen] = useState(false);
  const requestIds = useRef(new Map<string, string>());
  const shown = revising && previous ? previous.item : state.item;
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
      setGuidelinesOpen(true);
      localStorage.setItem(key, "1");
    }
  }, [studyId]);

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
      // One request id per (item, choice attempt): a retry or double press reuses it.
      const key = `${shown.token}:${revising ? "revise" : "first"}:${JSON.stringify(payload)}`;
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
        if (json.state) setState(json.state as AnnotationState);
        else if (status < 400) setState(await (await fetch(`${base}/state`)).json());
        if (status < 400) {
          setPrevious({ item: shown, payload });
          setRevising(false);
          setRationale("");
        }
      } catch {
        setMessage("Network problem: your verdict was not saved. Please try again.");
      } finally {
        setPending(false);
      }
    },
    [shown, pending, revising, rationale, timer, base],
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
    async (flag?: { reason: FlagReason }) => {
      if (!state.item || pending || revising) return;
      setPending(true);
      try {
        const { status, json } = await post(`${base}/pass`, { token: state.item.token, flag });
        if (status >= 400) setMessage(String(json.error));
        else {
          setState(json.state as AnnotationState);
          setPrevious(null);
          setRationale("");
          setMessage(flag ? "Thanks, the item was flagged." : null);
        }
      } catch {
        setMessage("Network problem: please try again.");
      } finally {
        setPending(false);
      }
    },
    [state.item, pending, revising, base],
  );

  // The key handler is registered once and always calls the latest render's submit (a layout effect updates the
  // ref before the browser can deliver the next key), so a key pressed right after an update is never stale.
  const onKeyChoice = useRef<(key: string) => boolean>(() => false);
  const blocked = useRef(false);
  useLayoutEffect(() => {
    onKeyChoice.current = (key) => {
      if (scale) {
        // Keys 1..n rate the first unrated turn (or the response) with the scale's labels in order.
        const label = /^[1-9]$/.test(key) ? Number(key) - 1 : -1;
        if (label < 0 || label >= scale.length) return false;
        const turn = ratings.findIndex((r) => r === null);
        rate(turn < 0 ? ratings.length - 1 : turn, label);
        return true;
      }
      const choice = KEYS[key];
      if (choice) void submit({ choice });
      return Boolean(choice);
    };
    blocked.current = guidelinesOpen;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (
        target &&
        (target.tagName === "TEXTAREA" || target.tagName === "INPUT" || target.tagName === "SELECT")
      )
        return;
      if (e.metaKey || e.ctrlKey || e.altKey || blocked.current) return;
      if (onKeyChoice.current(e.key)) e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <div className="space-y-4" data-testid="annotator">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">{title}</h1>
        <div className="flex items-center gap-3 text-sm">
          <span data-testid="progress" className="tabular-nums text-slate-600">
            {state.judged}
            {state.quota !== null ? ` / ${state.quota}` : ""} done
          </span>
          <button
            type="button"
            className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100"
            onClick={() => setGuidelinesOpen(true)}
            data-testid="open-guidelines"
          >
            Guidelines
          </button>
        </div>
      </div>
      {guidelinesOpen ? (
        <GuidelinesPanel html={guidelinesHtml} onClose={() => setGuidelinesOpen(false)} />
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
          labels={labels}
          scale={scale}
          ratings={ratings}
          onRate={rate}
          selected={revising && previous && "choice" in previous.payload ? previous.payload.choice : null}
          revising={revising}
          pending={pending}
          rationale={rationale}
          onRationale={setRationale}
          onChoose={(choice) => void submit({ choice })}
          onSkip={() => pass()}
          onFlag={(reason) => pass({ reason })}
          onUndo={previous && !revising ? () => setRevising(true) : null}
          onCancelUndo={revising ? () => setRevising(false) : null}
        />
      ) : state.done ? (
        <CompletionPanel
          done={state.done}
          judged={state.judged}
          onUndo={previous ? () => setRevising(true) : null}
        />
      ) : state.wait ? (
        <div
          className="rounded-lg border border-amber-200 bg-amber-50 p-6 text-center"
          data-testid="wait"
          role="status"
        >
          <h2 className="text-lg font-semibold">Please come back in a few minutes</h2>
          <p className="mt-1 text-sm text-slate-600">
            The remaining items are being worked on by others right now. Any that are not finished will come
            back; this page checks again by itself.
          </p>
        </div>
      ) : (
        <p className="text-slate-600">Finding the next item…</p>
      )}
    </div>
  );
}
