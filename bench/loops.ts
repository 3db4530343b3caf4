// Client loops for the annotate benchmark: simulated annotators over HTTP, and a plain request loop.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { BenchClient, send } from "./http-client";
import type { AnnotationState } from "@/features/annotation";
import { setTimeout as sleep } from "node:timers/promises";

export type LoopResult = {
  verdicts: number;
  verdictsPerSecond: number;
  /** HTTP requests of the loop per second (measured part): submits, and next-item calls where one was needed. */
  requestsPerSecond: number;
  errors: number;
  busy: number;
  acknowledged: string[];
  latency: { next: number[]; submit: number[] };
  /** [seconds since the loop started, call, ms] of every call. */
  timeline: [number, "next" | "submit", number][];
};

/**
 * `clients` crowd workers join through the link (spread over the instances), then each loops as the browser does:
 * submit a verdict, whose answer carries the next item (next-item is asked for only at the start and when a
 * submit's answer has no item), for `warmupSeconds` (not measured: a fresh server compiles its code and prepares its statements) and then
 * `seconds` (measured); with `paceMs`, each starts one verdict per `paceMs` (at a random phase) instead of
 * looping flat out.
 */
export async function annotatorLoop(args: {
  urls: string[];
  token: string;
  studyId: number;
  clients: number;
  seconds: number;
  warmupSeconds: number;
  paceMs?: number;
}): Promise<LoopResult> {
  const clients = await Promise.all(
    Array.from({ length: args.clients }, async (_, i) => {
      const c = new BenchClient(args.urls[i % args.urls.length]);
      await c.request(`/join/${args.token}?PROLIFIC_PID=load-${args.studyId}-${i}`);
      return c;
    }),
  );
  const r: LoopResult = {
    verdicts: 0,
    verdictsPerSecond: 0,
    requestsPerSecond: 0,
    errors: 0,
    busy: 0,
    acknowledged: [],
    latency: { next: [], submit: [] },
    timeline: [],
  };
  const started = performance.now();
  const measured = started + args.warmupSeconds * 1000;
  const end = measured + args.seconds * 1000;
  let requests = 0;
  const record = (call: "next" | "submit", t: number) => {
    const ms = performance.now() - t;
    r.timeline.push([(t - started) / 1000, call, ms]);
    if (t >= measured) {
      r.latency[call].push(ms);
      requests++;
    }
  };
  await Promise.all(
    clients.map(async (c) => {
      if (args.paceMs) await sleep(Math.random() * args.paceMs);
      let state: AnnotationState | null = null;
      while (performance.now() < end) {
        const round = performance.now();
        let t = performance.now();
        if (!state?.item) {
          const res = await c.request(`/api/annotate/${args.studyId}/state`);
          record("next", t);
          if (res.status !== 200) {
            r.errors++;
            continue;
          }
          state = res.json<AnnotationState>();
          if (state.busy) {
            r.busy++;
            continue;
          }
          if (!state.item)
            throw new Error(`the study ran out of items (${state.done?.reason}): make it bigger`);
        }
        t = performance.now();
        const requestId = randomUUID();
        const sub = await c.json(`/api/annotate/${args.studyId}/judgments`, {
          token: state.item!.token,
          choice: "tie",
          requestId,
          durationMs: 1,
        });
        record("submit", t);
        if (sub.status === 200) {
          if (t >= measured) r.verdicts++;
          r.acknowledged.push(requestId);
          state = sub.json<{ state: AnnotationState | null }>().state;
        } else {
          r.errors++;
          state = null;
        }
        if (args.paceMs) await sleep(Math.max(0, round + args.paceMs - performance.now()));
      }
    }),
  );
  r.requestsPerSecond = requests / ((performance.now() - measured) / 1000);
  r.verdictsPerSecond = r.verdicts / ((performance.now() - measured) / 1000);
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
        await send(args.url);
        latency.push(performance.now() - t);
      }
    }),
  );
  return { perSecond: latency.length / ((performance.now() - started) / 1000), latency };
}

/** A bare Node HTTP server answering `{"ok":true}` to everything, in its own process: the HTTP ceiling here. */
export async function startBareServer(port: number): Promise<{ url: string; stop: () => void }> {
  const code = `require("node:http").createServer((q, s) => { s.writeHead(200, { "content-type": "application/json" }); s.end('{"ok":true}'); }).listen(${port}, "127.0.0.1", () => console.log("up"));`;
  const child = spawn(process.execPath, ["-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once("data", () => resolve());
    child.once("exit", (c) => reject(new Error(`bare server exited with ${c}`)));
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill() };
}
