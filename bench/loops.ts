// Client loops for the annotate benchmark: simulated annotators over HTTP, and a plain request loop.
import { randomUUID } from "node:crypto";
import { HttpClient } from "../test-utils/app-server";
import type { AnnotationState } from "../lib/validations/annotation";

export type LoopResult = {
  verdicts: number;
  verdictsPerSecond: number;
  errors: number;
  busy: number;
  acknowledged: string[];
  latency: { next: number[]; submit: number[] };
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `clients` crowd workers join through the link (spread over the instances), then each loops next-item + submit
 * until `seconds` are up; with `paceMs`, each starts one verdict per `paceMs` (at a random phase) instead of
 * looping flat out.
 */
export async function annotatorLoop(args: {
  urls: string[];
  token: string;
  studyId: number;
  clients: number;
  seconds: number;
  paceMs?: number;
}): Promise<LoopResult> {
  const clients = await Promise.all(
    Array.from({ length: args.clients }, async (_, i) => {
      const c = new HttpClient(args.urls[i % args.urls.length]);
      await c.request(`/join/${args.token}?PROLIFIC_PID=load-${args.studyId}-${i}`);
      return c;
    }),
  );
  const r: LoopResult = { verdicts: 0, verdictsPerSecond: 0, errors: 0, busy: 0, acknowledged: [], latency: { next: [], submit: [] } };
  const started = performance.now();
  const end = started + args.seconds * 1000;
  await Promise.all(
    clients.map(async (c) => {
      if (args.paceMs) await sleep(Math.random() * args.paceMs);
      while (performance.now() < end) {
        const round = performance.now();
        let t = performance.now();
        const res = await c.request(`/api/annotate/${args.studyId}/state`);
        r.latency.next.push(performance.now() - t);
        if (res.status !== 200) {
          r.errors++;
          await res.arrayBuffer();
          continue;
        }
        const state = (await res.json()) as AnnotationState;
        if (state.busy) {
          r.busy++;
          continue;
        }
        if (!state.item) throw new Error(`the study ran out of items (${state.done?.reason}): make it bigger`);
        t = performance.now();
        const requestId = randomUUID();
        const sub = await c.json(`/api/annotate/${args.studyId}/judgments`, { token: state.item.token, choice: "tie", requestId, durationMs: 1 });
        r.latency.submit.push(performance.now() - t);
        if (sub.status === 200) {
          r.verdicts++;
          r.acknowledged.push(requestId);
        } else r.errors++;
        await sub.arrayBuffer();
        if (args.paceMs) await sleep(Math.max(0, round + args.paceMs - performance.now()));
      }
    }),
  );
  r.verdictsPerSecond = r.verdicts / ((performance.now() - started) / 1000);
  return r;
}

/** `clients` concurrent loops of one GET for `seconds`: requests per second and each request's latency. */
export async function requestLoop(args: { url: string; clients: number; seconds: number }) {
  const latency: number[] = [];
  const started = performance.now();
  const end = started + args.seconds * 1000;
  await Promise.all(
    Array.from({ length: args.clients }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        await (await fetch(args.url)).arrayBuffer();
        latency.push(performance.now() - t);
      }
    }),
  );
  return { perSecond: latency.length / ((performance.now() - started) / 1000), latency };
}
