import path from "node:path";
import type { Db } from "@/platform/db/client";
import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { JUDGMENT_COLUMNS, judgmentExportBatches } from "@/features/results/export/query";
import { studyResults } from "@/features/results/compute";
import { statsJson, summaryRows, SUMMARY_COLUMNS } from "@/features/results/stats-json";
import { encodeRows, oneBatch } from "@/features/results/export/stream";
import { resultFiltersSchema } from "@/features/results/schemas";
import { enrol } from "@/features/annotation/queries/enrollments";
import { createLink, joinUrl, studyIdBySlug } from "@/features/crowd/links";
import { createUser } from "@/features/users/queries";
import { publishedResults, studies } from "@/db/schema";
import { progressFor } from "@/platform/cli/progress";
import { importItemsFile, importJudgmentsFile } from "@/features/imports/run";
import { newUserSchema } from "@/features/users/schemas";

type Options = Record<string, string | boolean | undefined>;
export type Command = (ctx: { db: Db; args: string[]; options: Options }) => Promise<void>;

class UsageError extends Error {}

function required(options: Options, name: string): string {
  const v = options[name];
  if (typeof v !== "string" || v.trim() === "") throw new UsageError(`--${name} is required`);
  return v.trim();
}

function fileArg(args: string[]): string {
  if (args.length !== 1) throw new UsageError("give exactly one file");
  return args[0];
}

/** Validates the named options with a zod schema; the first problem becomes a usage error naming the option. */
function optionsFor<S extends z.ZodType>(schema: S, options: Options, names: string[]): z.output<S> {
  const parsed = schema.safeParse(Object.fromEntries(names.map((n) => [n, options[n]])));
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new UsageError(`--${i.path.join(".")}: ${i.message}`);
  }
  return parsed.data;
}

const filtersFrom = (options: Options) => optionsFor(resultFiltersSchema, options, ["group", "category", "source", "from", "to"]);

async function exportCommand(db: Db, kind: "judgments" | "summary", options: Options) {
  const slug = required(options, "study");
  const format = (options.format ?? "csv") as string;
  if (format !== "csv" && format !== "jsonl") throw new UsageError("--format: csv or jsonl");
  let stream: ReadableStream<Uint8Array>;
  if (kind === "judgments") {
    if (!(await studyIdBySlug(db, slug))) throw new UsageError(`--study: no study "${slug}"`);
    stream = encodeRows(judgmentExportBatches(db, { slug }), JUDGMENT_COLUMNS, format);
  } else {
    const results = await studyResults(db, { slug, filters: filtersFrom(options) });
    if (!results) throw new UsageError(`--study: no study "${slug}"`);
    stream = encodeRows(oneBatch(summaryRows(results)), SUMMARY_COLUMNS, format);
  }
  const out = typeof options.out === "string" ? fs.createWriteStream(options.out) : process.stdout;
  await pipeline(Readable.fromWeb(stream as never), out, { end: out !== process.stdout });
}

export const commands: Record<string, Command> = {
  "published set": async ({ db, options }) => {
    const slug = required(options, "study");
    const studyId = await studyIdBySlug(db, slug);
    if (!studyId) throw new UsageError(`--study: no study "${slug}"`);
    const share = (name: string) => {
      const v = Number(required(options, name));
      if (!Number.isFinite(v) || v < 0 || v > 1) throw new UsageError(`--${name}: a fraction between 0 and 1`);
      return v;
    };
    const row = {
      studyId,
      baseline: required(options, "baseline"),
      kind: options.kind === "judge" ? ("judge" as const) : ("human" as const),
      referenceWins: share("wins"),
      ties: share("ties"),
      baselineWins: share("losses"),
      source: required(options, "source"),
    };
    if (Math.abs(row.referenceWins + row.ties + row.baselineWins - 1) > 0.011) throw new UsageError("--wins, --ties and --losses must add up to 1");
    await db
      .insert(publishedResults)
      .values(row)
      .onConflictDoUpdate({
        target: [publishedResults.studyId, publishedResults.baseline, publishedResults.kind],
        set: { referenceWins: row.referenceWins, ties: row.ties, baselineWins: row.baselineWins, source: row.source },
      });
    console.log(`published ${row.kind} result for "${row.baseline}" in "${slug}" saved`);
  },
  stats: async ({ db, options }) => {
    const slug = required(options, "study");
    const results = await studyResults(db, { slug, filters: filtersFrom(options) });
    if (!results) throw new UsageError(`--study: no study "${slug}"`);
    const json = statsJson(results);
    if (options.json) {
      console.log(JSON.stringify(json));
      return;
    }
    for (const kind of ["human", "judge"] as const) {
      console.log(`${kind} verdicts, ${json.reference} vs:`);
      for (const b of json[kind].baselines) {
        const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
        console.log(
          `  ${b.model.padEnd(28)} n=${String(b.n).padStart(5)}  wins ${pct(b.rates.reference_wins)}  ties ${pct(b.rates.tie)}  losses ${pct(b.rates.baseline_wins)}`,
        );
      }
    }
  },
  "export judgments": async ({ db, options }) => exportCommand(db, "judgments", options),
  "export summary": async ({ db, options }) => exportCommand(db, "summary", options),
  "import items": async ({ db, args, options }) => {
    const file = fileArg(args);
    const progress = progressFor(file);
    const started = Date.now();
    const s = await importItemsFile(db, {
      file,
      displayName: path.relative(process.cwd(), file) || file,
      slug: required(options, "study"),
      reference: required(options, "reference"),
      baselines: typeof options.baselines === "string" ? options.baselines.split(",").map((b) => b.trim()).filter(Boolean) : undefined,
      title: typeof options.title === "string" ? options.title : undefined,
      onBytes: progress.onBytes,
    });
    progress.done();
    console.log(
      `${s.studyCreated ? "created" : "updated"} study "${s.study}": ${s.prompts.total} prompts (${s.prompts.written} written), ` +
        `${s.responses.total} responses (${s.responses.written} written), ${s.comparisons.total} comparisons ` +
        `(${s.comparisons.created} new) in ${Date.now() - started} ms`,
    );
  },
  "import judgments": async ({ db, args, options }) => {
    const file = fileArg(args);
    const progress = progressFor(file);
    const started = Date.now();
    const s = await importJudgmentsFile(db, {
      file,
      displayName: path.relative(process.cwd(), file) || file,
      slug: required(options, "study"),
      onBytes: progress.onBytes,
    });
    progress.done();
    console.log(
      `study "${s.study}": ${s.records} records, ${s.live} live verdicts, ${s.written} written, ` +
        `${s.unchanged} unchanged, ${s.newAnnotators} new annotators in ${Date.now() - started} ms`,
    );
  },
  "users add": async ({ db, options }) => {
    const input = optionsFor(newUserSchema, options, ["email", "role", "password", "name"]);
    const slug = typeof options.study === "string" ? options.study : undefined;
    const studyId = slug ? await studyIdBySlug(db, slug) : null;
    if (slug && !studyId) throw new UsageError(`--study: no study "${slug}"`);
    const { user, password } = await createUser(db, input);
    if (studyId) await enrol(db, { studyId, userId: user.id });
    console.log(
      `created ${user.role} ${user.email}${input.password ? "" : ` with password ${password}`}` +
        (slug ? `, enrolled in "${slug}"` : ""),
    );
  },
  "links create": async ({ db, options }) => {
    const slug = required(options, "study");
    const studyId = await studyIdBySlug(db, slug);
    if (!studyId) throw new UsageError(`--study: no study "${slug}"`);
    const link = await createLink(db, {
      studyId,
      completionCode: typeof options["completion-code"] === "string" ? options["completion-code"] : undefined,
      redirectUrl: typeof options["redirect-url"] === "string" ? options["redirect-url"] : undefined,
    });
    const base = (typeof options["base-url"] === "string" && options["base-url"]) || process.env.VERDICT_BASE_URL || "http://localhost:3000";
    console.log(`${joinUrl(base, link.token)}?${link.workerParam}={{%PROLIFIC_PID%}}&${link.studyParam}={{%STUDY_ID%}}&${link.sessionParam}={{%SESSION_ID%}}`);
    console.log(`completion code: ${link.completionCode}`);
  },
  "studies set": async ({ db, options }) => {
    const slug = required(options, "study");
    const values: Partial<typeof studies.$inferInsert> = {};
    const int = (name: string) => {
      const v = options[name];
      if (typeof v !== "string") return undefined;
      if (!/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`--${name}: must be a whole number >= 1`);
      return Number(v);
    };
    if (int("overlap") !== undefined) values.overlapK = int("overlap");
    if (options.quota === "none") values.quota = null;
    else if (int("quota") !== undefined) values.quota = int("quota");
    if (int("lease-minutes") !== undefined) values.leaseSeconds = int("lease-minutes")! * 60;
    if (Object.keys(values).length === 0) throw new UsageError("give --overlap, --quota (or none) or --lease-minutes");
    const updated = await db.update(studies).set(values).where(eq(studies.slug, slug)).returning();
    if (updated.length === 0) throw new UsageError(`--study: no study "${slug}"`);
    const s = updated[0];
    console.log(`study "${slug}": overlap k ${s.overlapK}, quota ${s.quota ?? "none"}, lease ${s.leaseSeconds / 60} min`);
  },
};

export { UsageError };
