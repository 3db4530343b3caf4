// `npm run bench -- pace`: annotators at human pace against one `next start` on Postgres (open loop). At each
// step of a ladder of concurrent annotators N, annotators arrive as a Poisson process (N arrivals over RAMP seconds), fetch
// their item (next-item, timed at every arrival), and then each submits a verdict after a think time drawn uniformly from 5-15 s (mean 10 s), the
// submit's answer carrying their next item as in the browser. Their think times do not wait on the server, so the
// load offered is N / 10 verdicts a second whatever the latency: the latency curve shows where one instance stops
// keeping up. Reported: p50 / p99 of next-item and submit per N, and the largest N up to which every step had both
// p99 < 100 ms and no error; every acknowledged verdict is checked to be stored.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { rowsOf } from "@/platform/db/client";
import { createLink } from "@/features/crowd";
import type { AnnotationState } from "@/features/annotation";
import { studies } from "@/db/schema";
import { importItemsFile } from "@/features/imports";
import { setTimeout as sleep } from "node:timers/promises";
import { BenchClient } from "./http-client";
import { LIMA_REFERENCE, writeItemsFile } from "./import";
import { withBenchDatabase } from "./database";
import { startInstances } from "./annotate";
import type { BenchResult } from "./types";

const LADDER = (process.env.BENCH_PACE_LADDER ?? "250,500,750,1000,1500,2000,3000,4000")
  .split(",")
  .map(Number);
const RAMP = Number(process.env.BENCH_PACE_RAMP ?? 10);
const SECONDS = Number(process.env.BENCH_PACE_SECONDS ?? 30);
const THINK_MS = { min: 5_000, max: 15_000 };
const P99_TARGET_MS = 100;

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};

/** When the step's slow first calls (over the target) were sent: how many, and between which seconds of the ramp. */
function slowNext(s: Step): string {
  const at = [...s.slowNextAt].sort((a, b) => a - b);
  return at.length
    ? `${at.length} first calls >= ${P99_TARGET_MS} ms, sent ${at[0].toFixed(1)}-${at[at.length - 1].toFixed(1)} s into the ramp (median ${pct(at, 0.5).toFixed(1)} s)`
    : `no first call >= ${P99_TARGET_MS} ms`;
}

type Step = {
  annotators: number;
  next: number[];
  /** Seconds into the step at which each next-item call over the target was sent. */
  slowNextAt: number[];
  submit: number[];
  errors: number;
  noItem: number;
  verdicts: number;
  seconds: number;
};

/** Joins `n` crowd workers through the link, 20 at a time (not measured). */
async function join(url: string, token: string, from: number, n: number): Promise<BenchClient[]> {
  const out: BenchClient[] = [];
  for (let i = 0; i < n; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, n - i) }, async (_, j) => {
        const c = new BenchClient(url);
        const res = await c.request(`/join/${token}?PROLIFIC_PID=pace-${from + i + j}`);
        if (res.status >= 400) throw new Error(`join failed: ${res.status}`);
        return c;
      }),
    );
    out.push(...batch);
  }
  return out;
}

/** One step: `clients` annotators arrive over RAMP s, then label at human pace for SECONDS s (measured). */
async function step(
  clients: BenchClient[],
  studyId: number,
  acknowledged: string[],
  seconds = SECONDS,
): Promise<Step> {
  const base = `/api/annotate/${studyId}`;
  const r: Step = {
    annotators: clients.length,
    next: [],
    slowNextAt: [],
    submit: [],
    errors: 0,
    noItem: 0,
    verdicts: 0,
    seconds,
  };
  const started = performance.now();
  const measured = started + RAMP * 1000;
  const end = measured + seconds * 1000;
  // A refused or timed-out connection is an error of the step, not the end of the benchmark.
  const failed = (err: unknown) => {
    r.errors++;
    if (r.errors === 1) console.log(`    first error: ${(err as Error).message}`);
  };
  await Promise.all(
    clients.map(async (c) => {
      // A Poisson process with N arrivals in the ramp puts them at N independent uniform times. (Summing
      // exponential gaps and capping at the ramp's end, as before, sent every arrival past the end at that one
      // instant, half the time a burst: at 2,000 annotators, half of the 24 slow first calls were sent at 10.0 s.)
      await sleep(Math.random() * RAMP * 1000);
      await annotate(c).catch(failed);
    }),
  );
  return r;

  async function annotate(c: BenchClient) {
    let t = performance.now();
    const res = await c.request(`${base}/state`);
    const firstMs = performance.now() - t;
    r.next.push(firstMs); // arrivals are all in the ramp: each one's first item is measured
    if (firstMs >= P99_TARGET_MS) r.slowNextAt.push((t - started) / 1000);
    if (res.status !== 200) {
      r.errors++;
      return;
    }
    let state = res.json<AnnotationState>();
    for (;;) {
      const think = THINK_MS.min + Math.random() * (THINK_MS.max - THINK_MS.min);
      if (performance.now() + think >= end) return;
      await sleep(think);
      if (!state.item) {
        r.noItem++;
        return;
      }
      const requestId = randomUUID();
      t = performance.now();
      const sub = await c.json(`${base}/judgments`, {
        token: state.item.token,
        choice: "tie",
        requestId,
        durationMs: Math.round(think),
      });
      const ms = performance.now() - t;
      if (sub.status !== 200) {
        r.errors++;
        return;
      }
      const body = sub.json<{ state: AnnotationState | null }>();
      acknowledged.push(requestId);
      if (t >= measured) {
        r.submit.push(ms);
        r.verdicts++;
      }
      if (!body.state) {
        r.errors++;
        return;
      }
      state = body.state;
    }
  }
}

export async function benchPace(): Promise<BenchResult[]> {
  return withBenchDatabase("pace", async ({ handle, url }) => {
    const db = handle.db;
    const items = writeItemsFile(fs.mkdtempSync(path.join(os.tmpdir(), "verdict-bench-")));
    await importItemsFile(db, { file: items, slug: "pace", reference: LIMA_REFERENCE });
    // k large enough that no step runs out of items (the ladder's verdicts all go to one study).
    const [study] = await db
      .update(studies)
      .set({ overlapK: 50 })
      .where(eq(studies.slug, "pace"))
      .returning();
    const { token } = await createLink(db, { studyId: study.id });
    const [app] = await startInstances(url, 1, 3451);
    const steps: Step[] = [];
    const acknowledged: string[] = [];
    try {
      const clients: BenchClient[] = [];
      // Warm-up, not reported: a fresh server compiles its code and prepares its statements.
      clients.push(...(await join(app.url, token, 0, 100)));
      await step(clients, study.id, acknowledged, 5);
      for (const n of LADDER) {
        clients.push(...(await join(app.url, token, clients.length, n - clients.length)));
        const s = await step(clients.slice(0, n), study.id, acknowledged);
        steps.push(s);
        console.log(
          `  ${n} annotators: next p50/p99 ${pct(s.next, 0.5).toFixed(1)}/${pct(s.next, 0.99).toFixed(1)} ms, ` +
            `submit p50/p99 ${pct(s.submit, 0.5).toFixed(1)}/${pct(s.submit, 0.99).toFixed(1)} ms, ` +
            `${(s.verdicts / s.seconds).toFixed(1)} verdicts/s, ${s.errors} errors; ${slowNext(s)}`,
        );
        // Far past the target: the next steps would only queue longer.
        if (s.errors > 0 || pct(s.submit, 0.99) > 10 * P99_TARGET_MS) break;
      }
    } finally {
      await app.stop();
    }
    const stored = new Set(
      rowsOf<{ id: string }>(
        await db.execute(sql`select request_id as id from submissions s join judgments j on j.id = s.judgment_id
          join comparisons c on c.id = j.comparison_id where c.study_id = ${study.id}`),
      ).map((r) => r.id),
    );
    const lost = acknowledged.filter((id) => !stored.has(id)).length;
    if (lost) throw new Error(`${lost} acknowledged verdicts are missing`);
    const ok = (s: Step) =>
      s.errors === 0 && pct(s.next, 0.99) < P99_TARGET_MS && pct(s.submit, 0.99) < P99_TARGET_MS;
    // Held: every step up to it passed. A later step passing after one failed (the next-item p99 rests on one call
    // per annotator, so a few slow first calls decide it) is shown in the curve, not counted.
    const firstFailed = steps.findIndex((s) => !ok(s));
    const passed = firstFailed === -1 ? steps : steps.slice(0, firstFailed);
    const held = passed.length ? passed[passed.length - 1].annotators : 0;
    return [
      {
        name: `largest concurrent annotators at human pace (think 5-15 s) with p99 < ${P99_TARGET_MS} ms and no error, 1 instance`,
        value: held,
        unit: "annotators",
        target: ">= 3000",
        ratio: held / 3000,
        note: `${acknowledged.length} acknowledged verdicts, all stored; steps that passed: ${
          steps
            .filter(ok)
            .map((s) => s.annotators)
            .join(", ") || "none"
        }`,
      },
      ...steps.flatMap((s) => [
        {
          name: `${s.annotators} annotators: next-item p50 / p99`,
          value: pct(s.next, 0.99),
          unit: "ms (p99)",
          note: `p50 ${pct(s.next, 0.5).toFixed(1)} ms, ${s.next.length} calls; ${slowNext(s)}`,
        },
        {
          name: `${s.annotators} annotators: submit p50 / p99`,
          value: pct(s.submit, 0.99),
          unit: "ms (p99)",
          note: `p50 ${pct(s.submit, 0.5).toFixed(1)} ms; ${(s.verdicts / s.seconds).toFixed(1)} verdicts/s; ${s.errors} errors, ${s.noItem} without an item`,
        },
      ]),
    ];
  });
}
