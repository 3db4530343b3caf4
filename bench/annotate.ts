// `npm run bench -- annotate`: N simulated annotators (default 200) join by crowd link and loop next-item +
// submit over HTTP against `next start` on Postgres for a fixed time; the ceiling is pgbench running a one-row
// INSERT at the same client count (capped by max_connections) in the same run.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { rowsOf } from "../db/client";
import { withBenchDatabase } from "./database";
import { createLink } from "../db/queries/links";
import { HttpClient, startApp } from "../test-utils/app-server";
import { makeStudy } from "../test-utils/fixtures";
import type { AnnotationState } from "../lib/validations/annotation";
import type { BenchResult } from "./types";
import { sql } from "drizzle-orm";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};

export async function benchAnnotate(): Promise<BenchResult[]> {
  return withBenchDatabase("annotate", async ({ handle, url }) => {
    const results: BenchResult[] = [];
    const study = await makeStudy(handle.db, { slug: "load", prompts: 4000, overlapK: 3 });
    const { token } = await createLink(handle.db, { studyId: study.id });
    const app = await startApp({
      port: 3431,
      env: {
        DATABASE_URL: url,
        AUTH_SECRET: randomUUID(),
        ADMIN_PASSWORD: "bench-admin-password",
        DATABASE_POOL_SIZE: "20",
        ...(process.env.BENCH_PROFILE ? { NODE_OPTIONS: `--require ${process.env.BENCH_PROFILE}` } : {}),
      },
    });
    const latency = { next: [] as number[], submit: [] as number[] };
    let errors = 0;
    let busy = 0;
    const finished: string[] = [];
    let verdicts = 0;
    const acknowledged: string[] = [];
    const clients = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, i) => {
        const c = new HttpClient(app.url);
        await c.request(`/join/${token}?PROLIFIC_PID=load-${i}`);
        return c;
      }),
    );
    const started = performance.now();
    const end = started + SECONDS * 1000;
    await Promise.all(
      clients.map(async (c) => {
        while (performance.now() < end) {
          let t = performance.now();
          const res = await c.request(`/api/annotate/${study.id}/state`);
          latency.next.push(performance.now() - t);
          if (res.status !== 200) {
            errors++;
            continue;
          }
          const state = (await res.json()) as AnnotationState;
          if (state.busy) {
            busy++;
            continue;
          }
          if (!state.item) {
            finished.push(state.done?.reason ?? "none");
            return;
          }
          t = performance.now();
          const requestId = randomUUID();
          const sub = await c.json(`/api/annotate/${study.id}/judgments`, {
            token: state.item.token,
            choice: "tie",
            requestId,
            durationMs: 1,
          });
          latency.submit.push(performance.now() - t);
          if (sub.status === 200) {
            verdicts++;
            acknowledged.push(requestId);
          } else errors++;
          await sub.arrayBuffer();
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    await app.stop();
    // Every acknowledged verdict must be stored (a verdict may also be stored whose answer was an error).
    const stored = new Set(
      rowsOf<{ id: string }>(await handle.db.execute(sql`select request_id as id from submissions`)).map((r) => r.id),
    );
    const lost = acknowledged.filter((id) => !stored.has(id)).length;
    if (lost) throw new Error(`${lost} acknowledged verdicts are missing`);

    // Ceiling: pgbench, one-row INSERT per transaction, same clients (within max_connections), same duration.
    const [{ max }] = rowsOf<{ max: number }>(
      await handle.db.execute(sql`select current_setting('max_connections')::int as max`),
    );
    const pgClients = Math.min(CLIENTS, max - 15);
    await handle.db.execute(sql`create table bench_ceiling (id bigserial primary key, v int not null)`);
    const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "verdict-pgbench-")), "insert.sql");
    fs.writeFileSync(script, "insert into bench_ceiling (v) values (1);\n");
    const out = execFileSync(
      "pgbench",
      ["-n", "-c", String(pgClients), "-j", "2", "-T", String(SECONDS), "-f", script, url],
      { encoding: "utf8" },
    );
    const tps = Number(out.match(/tps = ([\d.]+)/)![1]);

    const throughput = verdicts / elapsed;
    results.push({
      name: `verdicts/s, ${CLIENTS} annotators for ${SECONDS} s (1 next start, Postgres)`,
      value: throughput,
      unit: "/s",
    });
    results.push({
      name: `pgbench one-row INSERT, ${pgClients} clients (max_connections ${max})`,
      value: tps,
      unit: "tps",
    });
    results.push({
      name: "throughput / pgbench TPS",
      value: throughput / tps,
      unit: "x",
      target: ">= 0.40",
      ratio: throughput / tps,
    });
    for (const [call, xs] of Object.entries(latency)) {
      results.push({ name: `${call} latency p50`, value: pct(xs, 0.5), unit: "ms" });
      results.push({ name: `${call} latency p95`, value: pct(xs, 0.95), unit: "ms" });
      results.push({ name: `${call} latency p99`, value: pct(xs, 0.99), unit: "ms", target: "< 50 ms" });
    }
    results.push({
      name: "errors (non-200 answers)",
      value: errors,
      unit: "",
      note: `${verdicts} verdicts acknowledged, all stored; ${stored.size} stored in all; ${busy} busy answers; ${finished.length} annotators done (${[...new Set(finished)].join(", ")})`,
    });
    return results;
  });
}
