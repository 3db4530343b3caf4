import { randomUUID } from "node:crypto";
import { HttpClient } from "./app-server";
import type { AnnotationState } from "@/features/annotation/schemas";
import { setTimeout as sleep } from "node:timers/promises";

export type Tally = {
  acknowledged: Set<string>;
  errors: Map<number | string, number>;
  slowestFailureMs: number;
};

export const newTally = (): Tally => ({ acknowledged: new Set(), errors: new Map(), slowestFailureMs: 0 });

/**
 * A simulated crowd annotator over HTTP: joins by link, then loops state -> verdict, resending each verdict with
 * the same request id (random delays) until it is acknowledged, like the real page. `base()` picks the instance
 * for every call, so the caller can fail over when an instance dies; the session cookie travels with the worker.
 */
export async function runAnnotator(args: {
  base: () => string;
  token: string;
  studyId: number;
  worker: string;
  tally: Tally;
  until: () => boolean;
}) {
  const { tally } = args;
  const jar = new HttpClient("http://unused");
  const call = async (fn: (c: HttpClient) => Promise<Response>): Promise<Response | null> => {
    const started = performance.now();
    const c = new HttpClient(args.base());
    c.adoptCookies(jar);
    try {
      const res = await fn(c);
      jar.adoptCookies(c);
      if (res.status < 500) return res;
      tally.errors.set(res.status, (tally.errors.get(res.status) ?? 0) + 1);
    } catch (err) {
      const code = (err as { cause?: { code?: string } }).cause?.code ?? "fetch failed";
      tally.errors.set(code, (tally.errors.get(code) ?? 0) + 1);
    }
    tally.slowestFailureMs = Math.max(tally.slowestFailureMs, performance.now() - started);
    return null;
  };
  while (!(await call((c) => c.request(`/join/${args.token}?PROLIFIC_PID=${args.worker}`)))) {
    if (args.until()) return;
    await sleep(200);
  }
  let state: AnnotationState | null = null;
  while (!args.until()) {
    if (!state || state.busy) {
      const res = await call((c) => c.request(`/api/annotate/${args.studyId}/state`));
      state = res ? ((await res.json()) as AnnotationState) : null;
      if (!state) await sleep(100 + Math.random() * 200);
      continue;
    }
    if (!state.item) return;
    const body = { token: state.item.token, choice: "A", requestId: randomUUID(), durationMs: 500 };
    let next: AnnotationState | null = null;
    while (!next && !args.until()) {
      const res = await call((c) => c.json(`/api/annotate/${args.studyId}/judgments`, body));
      if (!res) {
        await sleep(100 + Math.random() * 400);
        continue;
      }
      const payload = (await res.json()) as { state?: AnnotationState };
      if (res.status === 200) tally.acknowledged.add(body.requestId);
      next = payload.state ?? null;
      if (!next) break;
    }
    state = next;
  }
}
