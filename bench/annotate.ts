// `npm run bench -- annotate`: N simulated annotators (default 200) join by crowd link and label flat out over
// HTTP against `next start` on Postgres, as the browser does (each submit's answer carries the next item), on real
// texts (LIMA's test prompts and 13 models' responses). Ceilings in the same run: Next.js answering the same
// clients with the least work it can do (the proxy's 401), a bare Node HTTP server, and pgbench running a one-row
// INSERT at the same client count (capped by max_connections). Also: one instance per core, and the latency at a
// paced load (half the measured throughput).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/platform/db/client";
import { createLink } from "@/features/crowd";
import { startApps, type AppServer } from "@/test-utils/app-server";
import { studies } from "@/db/schema";
import { importItemsFile } from "@/features/imports";
import { LIMA_REFERENCE, writeItemsFile } from "./import";
import { withBenchDatabase } from "./database";
import { pgbenchInsertTps } from "./pgbench";
import { annotatorLoop, requestLoop, startBareServer, type LoopResult } from "./loops";
import type { BenchResult } from "./types";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
const CORES = os.cpus().length;

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};

export async function startInstances(url: string, n: number, firstPort: number): Promise<AppServer[]> {
  const env = {
    DATABASE_URL: url,
    AUTH_SECRET: "bench-secret-" + randomUUID(),
    ADMIN_PASSWORD: "bench-admin-password",
    DATABASE_POOL_SIZE: "20",
  };
  // BENCH_NODE_OPTIONS: NODE_OPTIONS for each instance (e.g. `--require` of a script writing a CPU profile on exit).
  const nodeOptions: Record<string, string> = process.env.BENCH_NODE_OPTIONS
    ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS }
    : {};
  return startApps(
    Array.from({ length: n }, (_, i) => ({ port: firstPort + i, env: { ...env, ...nodeOptions } })),
  );
}

/**
 * One saturating or paced labelling run on a fresh study of real texts (LIMA's 300 prompts, 12 baselines, k = 5:
 * 18,000 verdicts; k = 3's 10,800 ran out within a run once the load generator got lighter); checks that every
 * acknowledged verdict is stored.
 */
async function labellingRun(
  db: Db,
  args: { url: string; items: string; instances: number; slug: string; paceMs?: number },
): Promise<LoopResult> {
  await importItemsFile(db, { file: args.items, slug: args.slug, reference: LIMA_REFERENCE });
  const [study] = await db
    .update(studies)
    .set({ overlapK: 5 })
    .where(eq(studies.slug, args.slug))
    .returning();
  const { token } = await createLink(db, { studyId: study.id });
  const apps = await startInstances(args.url, args.instances, 3431);
  try {
    const result = await annotatorLoop({
      urls: apps.map((a) => a.url),
      token,
      studyId: study.id,
      clients: CLIENTS,
      seconds: SECONDS,
      warmupSeconds: WARMUP,
      paceMs: args.paceMs,
    });
    const stored = new Set(
      rowsOf<{ id: string }>(
        await db.execute(sql`select s.request_id as id from submissions s join judgments j on j.id = s.judgment_id
        join comparisons c on c.id = j.comparison_id where c.study_id = ${study.id}`),
      ).map((r) => r.id),
    );
    const lost = result.acknowledged.filter((id) => !stored.has(id)).length;
    if (lost) throw new Error(`${lost} acknowledged verdicts are missing`);
    return result;
  } finally {
    await Promise.all(apps.map((a) => a.stop()));
  }
}

function latencyResults(label: string, r: LoopResult, target?: string): BenchResult[] {
  // A call the loop never needed (next-item, when every submit's answer carried the next item) has no row.
  return Object.entries(r.latency).flatMap(([call, xs]) =>
    xs.length === 0
      ? []
      : [
          { name: `${label}: ${call} p50`, value: pct(xs, 0.5), unit: "ms" },
          { name: `${label}: ${call} p95`, value: pct(xs, 0.95), unit: "ms" },
          { name: `${label}: ${call} p99`, value: pct(xs, 0.99), unit: "ms", ...(target ? { target } : {}) },
        ],
  );
}

export async function benchAnnotate(): Promise<BenchResult[]> {
  return withBenchDatabase("annotate", async ({ handle, url }) => {
    const items = writeItemsFile(fs.mkdtempSync(path.join(os.tmpdir(), "verdict-bench-")));
    const one = await labellingRun(handle.db, { url, items, instances: 1, slug: "load-1" });
    const perCore =
      CORES > 1
        ? await labellingRun(handle.db, { url, items, instances: CORES, slug: `load-${CORES}` })
        : one;
    const best = Math.max(one.verdictsPerSecond, perCore.verdictsPerSecond);
    // Paced: each annotator submits at a fixed interval so that all together offer half the best throughput.
    const paceMs = (2 * CLIENTS * 1000) / best;
    const bestInstances = one.verdictsPerSecond >= perCore.verdictsPerSecond ? 1 : CORES;
    const paced = await labellingRun(handle.db, {
      url,
      items,
      instances: bestInstances,
      slug: "paced",
      paceMs,
    });

    // Next.js's own ceiling here: the same clients, each request answered by the proxy (no session: 401). The
    // labelling API itself is outside the proxy, so the ceiling asks for another API path.
    const [app] = await startInstances(url, 1, 3441);
    const framework = await requestLoop({
      url: `${app.url}/api/studies/bench/workers`,
      clients: CLIENTS,
      seconds: SECONDS / 2,
    });
    // For comparison: the labelling API's own 401 without a session (its Pages API route, outside the proxy).
    const ownFloor = await requestLoop({
      url: `${app.url}/api/annotate/1/state`,
      clients: CLIENTS,
      seconds: SECONDS / 2,
    }).finally(() => app.stop());
    const bare = await startBareServer(3442);
    const http = await requestLoop({ url: bare.url, clients: CLIENTS, seconds: SECONDS / 2 }).finally(() =>
      bare.stop(),
    );
    const pg = await pgbenchInsertTps(handle.db, url, CLIENTS, SECONDS);

    const note = (r: LoopResult) =>
      `${r.requestsPerSecond.toFixed(0)} requests/s; ${r.verdicts} verdicts, all stored; ${r.errors} errors, ${r.busy} busy answers`;
    return [
      {
        name: `verdicts/s, ${CLIENTS} annotators, ${SECONDS} s after ${WARMUP} s warm-up, 1 next start`,
        value: one.verdictsPerSecond,
        unit: "/s",
        note: note(one),
      },
      {
        name: `verdicts/s, same, ${CORES} next start (one per core)`,
        value: perCore.verdictsPerSecond,
        unit: "/s",
        note: note(perCore),
      },
      { name: `pgbench one-row INSERT, ${pg.clients} clients`, value: pg.tps, unit: "tps" },
      { name: "best verdicts/s / pgbench TPS", value: best / pg.tps, unit: "x", ratio: best / pg.tps },
      {
        name: `Next.js ceiling: proxy-only 401s, ${CLIENTS} clients, 1 instance`,
        value: framework.perSecond,
        unit: "req/s",
        note: `p99 ${pct(framework.latency, 0.99).toFixed(1)} ms`,
      },
      {
        name: `labelling API's own 401 (no session; outside the proxy), ${CLIENTS} clients, 1 instance`,
        value: ownFloor.perSecond,
        unit: "req/s",
        note: `p99 ${pct(ownFloor.latency, 0.99).toFixed(1)} ms`,
      },
      {
        name: `annotate loop requests/s (1 instance: ${one.requestsPerSecond.toFixed(0)}) / Next.js proxy-only req/s`,
        value: one.requestsPerSecond / framework.perSecond,
        unit: "x",
        target: ">= 0.50",
        ratio: one.requestsPerSecond / framework.perSecond,
      },
      {
        name: `bare Node HTTP server (no framework, no database), ${CLIENTS} clients`,
        value: http.perSecond,
        unit: "req/s",
        note: `p99 ${pct(http.latency, 0.99).toFixed(1)} ms`,
      },
      ...latencyResults("saturating, 1 instance", one, "< 50 ms"),
      ...latencyResults(`saturating, ${CORES} instances`, perCore, "< 50 ms"),
      {
        name: `paced: ${CLIENTS} annotators, one verdict each per ${(paceMs / 1000).toFixed(2)} s, ${bestInstances} instance(s)`,
        value: paced.verdictsPerSecond,
        unit: "/s",
        note: note(paced),
      },
      ...latencyResults("paced", paced),
    ];
  });
}
