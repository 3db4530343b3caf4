import { sql } from "drizzle-orm";
import { z } from "zod";
import { rowsOf, type Db } from "@/platform/db/client";
import { AppError } from "@/platform/errors";
import { dequeueChecks } from "@/features/annotation";
import { text } from "@/platform/validation";
import { IssueList } from "./errors";
import { readRecords, type ReadOptions } from "./records";

const name = z.string().trim().min(1, "must not be empty").max(200);
const id = z.union([z.string().trim().min(1, "must not be empty"), z.number().int()]).transform(String);
const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

/**
 * One gold item: the comparison it marks (`baseline` in a reference study, `model` in a rating study, `model_a` and
 * `model_b` in an all-pairs study), its expected answer (the winner's name or "tie", "reference"/"baseline",
 * "model_a"/"model_b", or a rating study's label), and an optional explanation shown after a practice answer.
 */
const goldRecordSchema = z.object({
  prompt_id: id,
  baseline: z.preprocess(blank, name.optional()),
  model: z.preprocess(blank, name.optional()),
  model_a: z.preprocess(blank, name.optional()),
  model_b: z.preprocess(blank, name.optional()),
  expected: name,
  explanation: z.preprocess(blank, text().max(5000, "at most 5,000 characters").optional()),
});
type GoldRecord = z.output<typeof goldRecordSchema>;

type Study = {
  id: number;
  design: "reference" | "all_pairs" | "rating";
  reference: string | null;
  scale: string[] | null;
};
type Target = { comparison: number; first: string; second: string };

/**
 * `import gold FILE --study S`: marks comparisons as gold items with their expected answers, in one transaction; a
 * record that names no comparison of the study, or an answer that is not one, is an error by line and nothing is
 * written. Gold items leave the normal queue (they are served at the study's check rate) and the results.
 */
export async function importGoldFile(
  db: Db,
  args: { file: string; slug: string } & ReadOptions,
): Promise<{ study: string; gold: number; hadVerdicts: number }> {
  const shown = args.displayName ?? args.file;
  const issues = new IssueList(shown);
  const records: (GoldRecord & { line: number })[] = [];
  for await (const { line, value } of readRecords(args.file, goldRecordSchema, issues, {
    ...args,
    alternativesJoin: "; or ",
    requiredColumns: [
      ["prompt_id", "baseline", "expected"],
      ["prompt_id", "model", "expected"],
      ["prompt_id", "model_a", "model_b", "expected"],
    ],
  }))
    records.push({ line, ...value });
  issues.throwIfAny();
  return db.transaction(async (tx) => {
    const [study] = rowsOf<Study>(
      await tx.execute(sql`select s.id, s.design::text as design, m.name as reference, s.scale from studies s
        left join models m on m.id = s.reference_model_id where s.slug = ${args.slug}`),
    );
    if (!study) throw new AppError("no_study", args.slug);
    const targets = new Map(
      rowsOf<Target & { prompt: string }>(
        await tx.execute(sql`select c.id as comparison, p.external_id as prompt, ma.name as first, mb.name as second
          from comparisons c join prompts p on p.id = c.prompt_id join responses ra on ra.id = c.reference_response_id
            join models ma on ma.id = ra.model_id join models mb on mb.id = c.baseline_model_id
          where c.study_id = ${study.id} and (c.check_kind is null or c.check_kind = 'gold')`),
      ).map((t) => [`${t.prompt}\u0000${t.first}\u0000${t.second}`, t]),
    );
    const marks: {
      comparison: number;
      verdict: string | null;
      rating: number | null;
      explanation: string | null;
    }[] = [];
    for (const r of records) {
      const mark = resolve(study, r, targets, (field, reason) => issues.add(r.line, field, reason));
      if (mark) marks.push({ ...mark, explanation: r.explanation ?? null });
    }
    issues.throwIfAny();
    let hadVerdicts = 0;
    for (const m of marks) {
      const [row] = rowsOf<{ verdicts: number }>(
        await tx.execute(sql`update comparisons set check_kind = 'gold', expected_verdict = ${m.verdict}::verdict,
            expected_rating = ${m.rating}, check_explanation = ${m.explanation}
          where id = ${m.comparison}
          returning (select count(*)::int from judgments j where j.comparison_id = comparisons.id and j.kind = 'human') as verdicts`),
      );
      hadVerdicts += row.verdicts;
    }
    // Out of the normal queue: checks are served at the study's check rate, never as ordinary items.
    await dequeueChecks(tx, study.id);
    return { study: args.slug, gold: marks.length, hadVerdicts };
  });
}

function resolve(
  study: Study,
  r: GoldRecord,
  targets: Map<string, Target>,
  fail: (field: string, reason: string) => void,
): { comparison: number; verdict: string | null; rating: number | null } | null {
  const key = (a: string, b: string) => `${r.prompt_id}\u0000${a}\u0000${b}`;
  if (study.design === "rating") {
    if (!r.model) return (fail("model", "required in a rating study"), null);
    const t = targets.get(key(r.model, r.model));
    if (!t) return (fail("model", `no item of prompt "${r.prompt_id}" rates "${r.model}"`), null);
    const label = study.scale!.indexOf(r.expected);
    if (label < 0) return (fail("expected", `one of the scale's labels: ${study.scale!.join(", ")}`), null);
    return { comparison: t.comparison, verdict: null, rating: label };
  }
  const [a, b] =
    study.design === "reference"
      ? [study.reference!, r.baseline]
      : ([r.model_a, r.model_b].sort() as [string | undefined, string | undefined]);
  if (!b || !a)
    return (
      fail(
        study.design === "reference" ? "baseline" : "model_a",
        study.design === "reference"
          ? "required in a reference study"
          : "model_a and model_b are required in an all-pairs study",
      ),
      null
    );
  const t = targets.get(key(a, b));
  if (!t)
    return (
      fail(
        study.design === "reference" ? "baseline" : "model_b",
        `no comparison of "${a}" and "${b}" on prompt "${r.prompt_id}"`,
      ),
      null
    );
  const answers: Record<string, string> = { tie: "tie", [t.first]: "reference", [t.second]: "baseline" };
  if (study.design === "reference") Object.assign(answers, { reference: "reference", baseline: "baseline" });
  else
    Object.assign(answers, {
      model_a: r.model_a === t.first ? "reference" : "baseline",
      model_b: r.model_b === t.first ? "reference" : "baseline",
    });
  const verdict = answers[r.expected];
  if (!verdict) return (fail("expected", `"tie" or a model of the pair (${t.first}, ${t.second})`), null);
  return { comparison: t.comparison, verdict, rating: null };
}
