// Times `import items` of LIMA's 300 prompts x 13 models (data/lima) on PGlite and, if available, Postgres.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import pg from "pg";
import { openDb } from "@/platform/db/client";
import type { DatabaseTarget } from "@/platform/env";
import { runMigrations } from "@/platform/db/migrate";
import { importItemsFile } from "@/features/imports";
import { deleteStudy } from "@/features/studies";
import type { BenchResult } from "./types";

const SOURCE = path.resolve("data/lima/just-eval-lima300-13models.jsonl.gz");
/** The model taken as the reference in benchmarks of the 300 x 13 file (3,600 comparisons). */
export const LIMA_REFERENCE = "tulu-2-dpo-70b";

/** LIMA's 300 test prompts with 13 models' responses (data/lima), written as a Verdict items file. */
export function writeItemsFile(dir: string): string {
  if (!fs.existsSync(SOURCE)) throw new Error(`${SOURCE} not found: the repository ships it`);
  const rows = zlib.gunzipSync(fs.readFileSync(SOURCE)).toString("utf8").split("\n").filter(Boolean);
  const file = path.join(dir, "lima300x13.jsonl");
  fs.writeFileSync(
    file,
    rows
      .map((l) => {
        const r = JSON.parse(l);
        return JSON.stringify({ prompt_id: r.source_id, prompt: r.instruction, responses: r.outputs });
      })
      .join("\n"),
  );
  return file;
}

/** 25,000 prompts x (reference + 4 baselines) = 100,000 comparisons, ~500-character responses. */
function writeLargeFile(dir: string): string {
  const file = path.join(dir, "generated-100k.jsonl");
  const out = fs.openSync(file, "w");
  const text = (m: string, i: number) =>
    `Answer of ${m} to prompt ${i}. ` + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(8);
  for (let i = 0; i < 25_000; i++) {
    const responses = Object.fromEntries(["ref", "b1", "b2", "b3", "b4"].map((m) => [m, text(m, i)]));
    fs.writeSync(
      out,
      JSON.stringify({
        prompt_id: `g${i}`,
        prompt: `Generated prompt ${i}: explain topic ${i % 97}.`,
        category: `c${i % 5}`,
        responses,
      }) + "\n",
    );
  }
  fs.closeSync(out);
  return file;
}

async function timeImport(
  target: DatabaseTarget,
  file: string,
  reference: string,
  expected: number,
): Promise<{ importMs: number; renderMs: number; texts: number; deleteMs: number }> {
  const handle = await openDb(target);
  try {
    await runMigrations(handle);
    const started = performance.now();
    const s = await importItemsFile(handle.db, { file, slug: "bench", reference, render: "wait" });
    const ms = performance.now() - started;
    if (s.comparisons.total !== expected)
      throw new Error(`expected ${expected} comparisons, got ${s.comparisons.total}`);
    if (typeof s.rendered === "string") throw new Error("rendering was asked to wait");
    // Then the study is deleted, with everything in it (as from its settings page).
    const deleting = performance.now();
    await deleteStudy(handle.db, { slug: "bench", confirm: "bench" });
    const deleteMs = performance.now() - deleting;
    // Rendering for serving follows the committed import (in the app, in the background): timed apart.
    return {
      importMs: ms - s.rendered.ms,
      renderMs: s.rendered.ms,
      texts: s.rendered.prompts + s.rendered.responses,
      deleteMs,
    };
  } finally {
    await handle.close();
  }
}

/** The import (committed) against its target, the rendering for serving that follows it, and the study's delete. */
function figures(
  label: string,
  t: { importMs: number; renderMs: number; texts: number; deleteMs: number },
  targetMs: number,
): BenchResult[] {
  return [
    {
      name: `import items ${label}`,
      value: t.importMs,
      unit: "ms",
      target: `< ${targetMs} ms`,
      ratio: t.importMs / targetMs,
    },
    {
      name: `then rendering its ${t.texts} texts for serving (background in the app)`,
      value: t.renderMs,
      unit: "ms",
      note: `${((t.renderMs * 1000) / Math.max(1, t.texts)).toFixed(0)} us per text`,
    },
    { name: "then deleting the study with everything in it", value: t.deleteMs, unit: "ms" },
  ];
}

export async function benchImport(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-bench-"));
  const file = writeItemsFile(dir);
  const large = writeLargeFile(dir);
  const mb = (f: string) => (fs.statSync(f).size / 1024 / 1024).toFixed(0);
  const results: BenchResult[] = [];
  try {
    const pglite = await timeImport(
      { kind: "pglite", dataDir: path.join(dir, "pglite") },
      file,
      LIMA_REFERENCE,
      3600,
    );
    results.push(...figures("300x13 (PGlite, on disk)", pglite, 5000));
    const pgliteLarge = await timeImport(
      { kind: "pglite", dataDir: path.join(dir, "pglite-large") },
      large,
      "ref",
      100_000,
    );
    results.push(...figures(`generated 100k comparisons (${mb(large)} MB, PGlite)`, pgliteLarge, 10_000));
    const server =
      process.env.TEST_DATABASE_URL ||
      process.env.DATABASE_URL ||
      "postgres://postgres@127.0.0.1:5432/postgres";
    const admin = new pg.Client({ connectionString: server });
    const dbName = `verdict_bench_${process.pid}`;
    try {
      await admin.connect();
      await admin.query(`create database ${dbName}`);
    } catch (e) {
      console.log(`Postgres not reachable (${(e as Error).message}); skipping the Postgres figure`);
      return results;
    }
    const url = new URL(server);
    url.pathname = `/${dbName}`;
    try {
      const pgSmall = await timeImport({ kind: "postgres", url: url.toString() }, file, LIMA_REFERENCE, 3600);
      results.push(...figures("300x13 (Postgres)", pgSmall, 5000));
      await admin.query(`drop database ${dbName} with (force)`);
      await admin.query(`create database ${dbName}`);
      const pgLarge = await timeImport({ kind: "postgres", url: url.toString() }, large, "ref", 100_000);
      results.push(...figures(`generated 100k comparisons (${mb(large)} MB, Postgres)`, pgLarge, 5000));
    } finally {
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
    return results;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
