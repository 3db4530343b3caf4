// Times `import items` of LIMA's 300 prompts x 13 models (../shared/data) on PGlite and, if available, Postgres.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import pg from "pg";
import { openDb } from "../db/client";
import type { DatabaseTarget } from "../lib/config";
import { runMigrations } from "../db/migrate";
import { importItemsFile } from "../lib/import/run";
import type { BenchResult } from "./types";

const SOURCE = path.resolve("../shared/data/just-eval-lima300-13models.jsonl.gz");

function writeItemsFile(dir: string): string {
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

async function timeImport(target: DatabaseTarget, file: string): Promise<number> {
  const handle = await openDb(target);
  try {
    await runMigrations(handle);
    const started = performance.now();
    const s = await importItemsFile(handle.db, { file, slug: "bench", reference: "tulu-2-dpo-70b" });
    const ms = performance.now() - started;
    if (s.comparisons.total !== 3600) throw new Error(`expected 3600 comparisons, got ${s.comparisons.total}`);
    return ms;
  } finally {
    await handle.close();
  }
}

export async function benchImport(): Promise<BenchResult[]> {
  if (!fs.existsSync(SOURCE)) throw new Error(`${SOURCE} not found: run from the checkout beside shared/`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-bench-"));
  const file = writeItemsFile(dir);
  const results: BenchResult[] = [];
  try {
    const pgliteMs = await timeImport({ kind: "pglite", dataDir: path.join(dir, "pglite") }, file);
    results.push({ name: "import items 300x13 (PGlite, on disk)", value: pgliteMs, unit: "ms", target: "< 5000 ms", ratio: pgliteMs / 5000 });
    const server = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
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
      const pgMs = await timeImport({ kind: "postgres", url: url.toString() }, file);
      results.push({ name: "import items 300x13 (Postgres)", value: pgMs, unit: "ms", target: "< 5000 ms", ratio: pgMs / 5000 });
    } finally {
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
    return results;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
