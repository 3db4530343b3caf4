import fs from "node:fs";
import zlib from "node:zlib";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { studies, users } from "@/db/schema";
import { importItemsFile, importJudgmentsFile } from "@/features/imports";
import { countAdmins, createUser, emailSchema } from "@/features/users";
import type { Db, DbHandle } from "@/platform/db/client";
import { runMigrations, withStartupLock } from "@/platform/db/migrate";
import { env } from "@/platform/env";
import { ARENA_DEMO_STUDY, DEMO_STUDY, TULU_DEMO_STUDY } from "./demo-studies";
import { readTuluCsv, writeTuluFiles } from "./tulu-demo";

type Log = (line: string) => void;

/** Migrations, then on an empty database the demo studies, then the first admin. Safe to run on every start. */
export async function prepareDatabase(handle: DbHandle, log: Log = console.log): Promise<void> {
  await withStartupLock(handle, async () => {
    await runMigrations(handle);
    const db = handle.db;
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
    const [{ s }] = await db.select({ s: sql<number>`count(*)::int` }).from(studies);
    if (n === 0 && s === 0 && env().VERDICT_DEMO === "on") {
      await loadLimaDemo(db, log);
      await loadTuluDemo(db, log);
      await loadArenaDemo(db, log);
    }
    if ((await countAdmins(db)) === 0) {
      const email = emailSchema.parse(env().ADMIN_EMAIL);
      const fromEnv = env().ADMIN_PASSWORD;
      const { password } = await createUser(db, { email, role: "admin", password: fromEnv, name: "Admin" });
      log(
        fromEnv
          ? `[verdict] created admin ${email} with the password from ADMIN_PASSWORD`
          : `[verdict] created admin login (shown once, keep it): email ${email}  password ${password}`,
      );
    }
  });
}

async function loadLimaDemo(db: Db, log: Log): Promise<void> {
  const started = Date.now();
  const summary = await importItemsFile(db, {
    render: "at-start-up", // the server's start-up pass renders it; serving renders on the fly before then
    file: path.join(process.cwd(), "data", "demo", DEMO_STUDY.fileName),
    slug: DEMO_STUDY.slug,
    title: DEMO_STUDY.title,
    reference: DEMO_STUDY.reference,
    baselines: [...DEMO_STUDY.baselines],
  });
  await db
    .update(studies)
    .set({ guidelines: DEMO_STUDY.guidelines })
    .where(eq(studies.slug, DEMO_STUDY.slug));
  log(
    `[verdict] loaded demo study "${DEMO_STUDY.slug}": ${summary.prompts.total} prompts, ` +
      `${summary.comparisons.total} comparisons (${Date.now() - started} ms)`,
  );
}

/** The Tülu 1 human evaluation, converted to Verdict's formats and imported through the same path as any file. */
async function loadTuluDemo(db: Db, log: Log): Promise<void> {
  const started = Date.now();
  const csv = path.join(process.cwd(), "data", "validation", TULU_DEMO_STUDY.csvFile);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-tulu-"));
  try {
    const files = writeTuluFiles(dir, readTuluCsv(csv));
    const { slug, title, reference, baselines } = TULU_DEMO_STUDY;
    await importItemsFile(db, {
      file: files.items,
      slug,
      title,
      reference,
      baselines: [...baselines],
      render: "at-start-up",
    });
    const summary = await importJudgmentsFile(db, { file: files.judgments, slug });
    log(
      `[verdict] loaded demo study "${slug}": ${summary.live} human verdicts by ` +
        `${summary.newAnnotators} raters (${Date.now() - started} ms)`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The first prompts of the shipped LIMA file with all 13 models' responses, as an all-pairs study. */
async function loadArenaDemo(db: Db, log: Log): Promise<void> {
  const started = Date.now();
  const { slug, title, gzFile, prompts } = ARENA_DEMO_STUDY;
  const rows = zlib
    .gunzipSync(fs.readFileSync(path.join(process.cwd(), "data", "lima", gzFile)))
    .toString("utf8")
    .split("\n")
    .filter(Boolean)
    .slice(0, prompts)
    .map((l) => JSON.parse(l) as { source_id: string; instruction: string; outputs: Record<string, string> });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-arena-"));
  try {
    const file = path.join(dir, "arena.jsonl");
    fs.writeFileSync(
      file,
      rows
        .map((r) =>
          JSON.stringify({
            prompt_id: r.source_id,
            prompt: r.instruction,
            source: "LIMA test set",
            responses: r.outputs,
          }),
        )
        .join("\n"),
    );
    const summary = await importItemsFile(db, {
      file,
      slug,
      title,
      design: "all_pairs",
      render: "at-start-up",
    });
    log(
      `[verdict] loaded demo study "${slug}": ${summary.prompts.total} prompts, ` +
        `${summary.comparisons.total} comparisons (${Date.now() - started} ms)`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
