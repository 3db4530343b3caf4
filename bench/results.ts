// `npm run bench -- results`: 1M judgments on Postgres. Times the results query against the raw SQL GROUP BY it
// wraps, the bootstrap, the CSV export against Postgres COPY ... TO STDOUT, and the results page end to end
// (signed in, to its last byte, from `next start`), all in one run.
import { execFileSync, spawnSync } from "node:child_process";
import { sql } from "drizzle-orm";
import pg from "pg";
import { PgDialect } from "drizzle-orm/pg-core";
import { rowsOf, type Db } from "@/platform/db/client";
import { withBenchDatabase } from "./database";
import { startInstances } from "./annotate";
import { HttpClient, signInWithPassword } from "@/test-utils/app-server";
import { judgmentExportQuery, promptCounts, promptCountsSql, winRates } from "@/features/results";
import type { BenchResult } from "./types";

const PROMPTS = 10_000;
const BASELINES = 5;
const ANNOTATORS = 20; // 10,000 x 5 x 20 = 1,000,000 judgments

/** A statement's $n parameters written in as literals: COPY takes none. */
function inlineParams(text: string, params: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const v = params[Number(n) - 1];
    if (v === null) return "null";
    return typeof v === "number" ? String(v) : `'${String(v).replaceAll("'", "''")}'`;
  });
}

async function timeIt(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  await fn(); // warm-up
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/** 10,000 prompts x 5 baselines x 20 annotators = 1M human judgments in study "bench" (id 1) of an empty database. */
async function generateJudgments(db: Db): Promise<void> {
  const gen = performance.now();
  await db.execute(
    sql`insert into models (name) select 'model-' || g from generate_series(0, ${BASELINES}) g`,
  );
  await db.execute(
    sql`insert into studies (slug, title, reference_model_id) select 'bench', 'bench', id from models where name = 'model-0'`,
  );
  await db.execute(sql`insert into prompts (study_id, external_id, text, category)
    select s.id, 'p' || g, 'prompt ' || g, 'cat-' || (g % 7) from studies s, generate_series(1, ${PROMPTS}) g`);
  await db.execute(
    sql`insert into responses (prompt_id, model_id, text) select p.id, m.id, 'response of ' || m.name from prompts p, models m`,
  );
  await db.execute(sql`insert into comparisons (study_id, prompt_id, reference_response_id, baseline_response_id, baseline_model_id)
    select p.study_id, p.id, r0.id, rb.id, rb.model_id from prompts p
    join responses r0 on r0.prompt_id = p.id join models m0 on m0.id = r0.model_id and m0.name = 'model-0'
    join responses rb on rb.prompt_id = p.id and rb.model_id <> r0.model_id`);
  await db.execute(
    sql`insert into users (external_id, role, "group") select 'bench-' || g, 'annotator', case when g % 2 = 0 then 'crowd' else 'authors' end from generate_series(1, ${ANNOTATORS}) g`,
  );
  await db.execute(sql`insert into judgments (comparison_id, user_id, kind, verdict, reference_side, rationale, duration_ms, created_at)
    select c.id, u.id, 'human', (array['reference','tie','baseline'])[1 + abs(hashtext(c.id::text || u.id::text)) % 3]::verdict,
      (array['left','right'])[1 + abs(hashtext(u.id::text || c.id::text)) % 2]::side, 'because ' || c.id, 1000 + c.id % 5000,
      now() - (c.id % 30) * interval '1 day'
    from comparisons c cross join users u where u.external_id like 'bench-%'`);
  await db.execute(sql`vacuum analyze`);
  const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from judgments`));
  console.log(
    `generated ${n.toLocaleString("en-US")} judgments in ${((performance.now() - gen) / 1000).toFixed(1)} s`,
  );
}

export async function benchResults(): Promise<BenchResult[]> {
  return withBenchDatabase("results", async ({ handle, url }) => {
    const results: BenchResult[] = [];
    const db = handle.db;
    await generateJudgments(db);
    const studyId = 1;

    // 1. Results query (drizzle + driver + mapping) vs the same SQL through a bare pg client.
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    const query = promptCountsSql({ studyId, kind: "human", filters: {} });
    const ours = await timeIt(7, () => promptCounts(db, { studyId, kind: "human", filters: {} }));
    const bare = await timeIt(7, () => raw.query(query.text, query.params));
    await raw.end();
    results.push({
      name: "results query, 1M judgments (Verdict)",
      value: ours,
      unit: "ms",
      target: "< 300 ms",
    });
    results.push({ name: "same GROUP BY through a bare pg client", value: bare, unit: "ms" });
    results.push({
      name: "results query / raw SQL",
      value: ours / bare,
      unit: "x",
      target: "<= 1.5x",
      ratio: ours / bare,
    });

    // 2. Bootstrap over per-prompt counts (1,000 resamples for each baseline).
    const rows = await promptCounts(db, { studyId, kind: "human", filters: {} });
    const bootstrap = await timeIt(3, async () => {
      for (let b = 1; b <= BASELINES; b++) {
        winRates(
          rows
            .filter((r) => r.baseline === `model-${b}`)
            .map((r) => ({ reference: r.reference, tie: r.tie, baseline: r.baseline_wins })),
        );
      }
    });
    results.push({
      name: `bootstrap, ${BASELINES} baselines x ${PROMPTS.toLocaleString("en-US")} prompts x 1,000 resamples`,
      value: bootstrap,
      unit: "ms",
      target: "< 2000 ms",
    });

    // 3. CSV export (child process, for its own peak RSS) vs COPY ... TO STDOUT through psql; median of 3 each.
    const copySql = `copy (select s.slug, p.external_id, p.category, m0.name, m.name, j.verdict, j.reference_side, u.pseudonym, j.kind,
      j.judge_name, j.rationale, j.duration_ms, j.created_at from judgments j join comparisons c on c.id = j.comparison_id
      join studies s on s.id = c.study_id join prompts p on p.id = c.prompt_id join models m0 on m0.id = s.reference_model_id
      join models m on m.id = c.baseline_model_id left join users u on u.id = j.user_id order by j.id) to stdout with csv header`;
    // The same rows as COPY would write them from the export's own query (the exclusion check, the timestamp
    // format): the ceiling the target is measured against; the plain join above, earlier rounds' ceiling, beside it.
    const ownQuery = new PgDialect().sqlToQuery((await judgmentExportQuery(db, "bench"))!);
    const ownCopySql = `copy (${inlineParams(ownQuery.sql, ownQuery.params)}) to stdout with csv header`;
    const exportsRun: { bytes: number; maxRssMb: number; ms: number }[] = [];
    const copies: { bytes: number; ms: number }[] = [];
    const ownCopies: { bytes: number; ms: number }[] = [];
    const copyOf = (statement: string) => {
      const c0 = performance.now();
      const copyBytes = execFileSync("psql", [url, "-qAt", "-c", statement], { maxBuffer: 1 << 30 }).length;
      return { bytes: copyBytes, ms: performance.now() - c0 };
    };
    for (let i = 0; i < 3; i++) {
      const child = spawnSync("node_modules/.bin/tsx", ["bench/export-child.ts", url, "bench"], {
        encoding: "utf8",
        maxBuffer: 1 << 20,
      });
      if (child.status !== 0) throw new Error(`export child failed: ${child.stderr}`);
      exportsRun.push(JSON.parse(child.stdout.trim().split("\n").pop()!));
      copies.push(copyOf(copySql));
      ownCopies.push(copyOf(ownCopySql));
    }
    const mid = <T extends { ms: number }>(xs: T[]) => [...xs].sort((a, b) => a.ms - b.ms)[1];
    const mbps = (x: { bytes: number; ms: number }) => x.bytes / 1024 / 1024 / (x.ms / 1000);
    const exported = mid(exportsRun);
    const maxRssMb = Math.max(...exportsRun.map((e) => e.maxRssMb));
    const [plain, own] = [mid(copies), mid(ownCopies)];
    const note = (x: { bytes: number; ms: number }) =>
      `${(x.bytes / 1e6).toFixed(0)} MB, ${mbps(x).toFixed(1)} MB/s`;
    results.push({
      name: "CSV export of 1M judgments (Verdict, streamed; median of 3)",
      value: exported.ms,
      unit: "ms",
      note: note(exported),
    });
    results.push({
      name: "COPY of the export's own query TO STDOUT (psql; median of 3)",
      value: own.ms,
      unit: "ms",
      note: note(own),
    });
    results.push({
      name: "COPY of a plain join of the judgments TO STDOUT (psql; median of 3)",
      value: plain.ms,
      unit: "ms",
      note: note(plain),
    });
    results.push({
      name: "export throughput / COPY of the same query",
      value: mbps(exported) / mbps(own),
      unit: "x",
      target: ">= 0.50",
      ratio: mbps(exported) / mbps(own),
    });
    results.push({
      name: "export throughput / COPY of the plain join",
      value: mbps(exported) / mbps(plain),
      unit: "x",
    });
    results.push({ name: "export peak RSS (max of 3)", value: maxRssMb, unit: "MB", target: "< 256 MB" });

    // 4. The results page end to end: a signed-in admin's GET of the server-rendered page, to its last byte. The
    // first visit finds no stored numbers and starts computing them; once stored, visits read them.
    const [app] = await startInstances(url, 1, 3461);
    try {
      const admin = new HttpClient(app.url);
      await signInWithPassword(admin, "admin@verdict.local", "bench-admin-password");
      const get = async () => {
        const t = performance.now();
        const res = await admin.request("/studies/bench/results");
        const body = await res.text();
        if (res.status !== 200) throw new Error(`results page: ${res.status}`);
        return { body, ms: performance.now() - t };
      };
      const started = performance.now();
      const first = await get();
      let current = first;
      while (!current.body.includes("from the data as they are now")) {
        await new Promise((r) => setTimeout(r, 1000));
        current = await get();
      }
      const computed = performance.now() - started;
      if (!current.body.includes("model-3")) throw new Error("results page: no baseline rows");
      results.push({
        name: "results page, 1M judgments: first visit until its numbers are stored (computed in the background)",
        value: computed,
        unit: "ms",
        note: `first answer in ${first.ms.toFixed(0)} ms: ${first.body.includes("for the first time") ? "computing" : "numbers"}`,
      });
      const page = await timeIt(5, get);
      results.push({
        name: "results page, 1M judgments: signed-in GET to the last byte (median of 5 after one)",
        value: page,
        unit: "ms",
        target: "< 500 ms",
        ratio: page / 500,
        note: `${(current.body.length / 1024).toFixed(0)} KiB of HTML`,
      });
      // A new verdict: the page shows the stored numbers at once, marked as older, while it computes again.
      await db.execute(sql`update judgments set verdict = 'tie' where id = (select min(id) from judgments)`);
      const after = await get();
      if (!after.body.includes("the current numbers are being computed"))
        throw new Error("no 'updating' note");
      results.push({
        name: "results page right after a verdict changed: older numbers, marked as such",
        value: after.ms,
        unit: "ms",
        target: "< 500 ms",
        ratio: after.ms / 500,
      });
    } finally {
      await app.stop();
    }
    return results;
  });
}
