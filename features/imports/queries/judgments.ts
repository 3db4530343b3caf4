import { eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { verdictFromChoice } from "@/features/annotation";
import { IssueList } from "@/features/imports/errors";
import type { ParsedJudgment, ParsedRating } from "@/features/imports/judgments";
import { isRating } from "@/features/imports/schemas";
import { ensureImportedAnnotators } from "./annotators";
import { importRatings } from "./ratings";
import type { Db } from "@/platform/db/client";
import {
  comparisons,
  judgments,
  models,
  prompts,
  responses,
  studies,
  type Side,
  type Verdict,
} from "@/db/schema";
import { chunks } from "@/platform/db/chunks";

export type JudgmentsImportSummary = {
  study: string;
  records: number;
  live: number;
  written: number;
  unchanged: number;
  newAnnotators: number;
};

type Resolved = {
  row: ParsedJudgment;
  comparisonId: number;
  verdict: Verdict;
  referenceSide: Side | null;
};

/**
 * Maps a file's winner onto the study's reference-relative verdict, and says where the reference was shown: on the
 * side `shown_left` names; for a judge without it, model_a (the first answer in its prompt); for a human without
 * it, unknown (null), so the record stays out of every position statistic. (Taking model_a as the left side of
 * every human record made position bias out of file order: an alphabetical model_a showed p = 0.045.)
 */
export function toVerdict(
  row: Pick<ParsedJudgment, "winner" | "model_a" | "kind" | "shown_left">,
  reference: string,
) {
  const shownLeft = row.shown_left ?? (row.kind === "judge" ? "model_a" : null);
  const referenceIsA = row.model_a === reference;
  const referenceSide: Side | null =
    shownLeft === null ? null : (shownLeft === "model_a") === referenceIsA ? "left" : "right";
  // The one verdict mapping, read with model_a in the place of A (which is not necessarily the side shown).
  const chosen = row.winner === "tie" ? "tie" : row.winner === "model_a" ? "A" : "B";
  const verdict: Verdict = verdictFromChoice(chosen, referenceIsA ? "left" : "right");
  return { verdict, referenceSide };
}

/**
 * Imports verdicts into a study in one transaction. Unknown human annotators become imported identities
 * (no login). The latest verdict per (annotator, comparison) counts; identical re-imports write nothing.
 */
export async function importJudgments(
  db: Db,
  args: { file: string; slug: string; rows: (ParsedJudgment | ParsedRating)[] },
): Promise<JudgmentsImportSummary> {
  const issues = new IssueList(args.file);
  const [study] = await db
    .select({ id: studies.id, design: studies.design, scale: studies.scale, reference: models.name })
    .from(studies)
    .leftJoin(models, eq(models.id, studies.referenceModelId))
    .where(eq(studies.slug, args.slug));
  if (!study) {
    issues.add(0, "--study", `no study "${args.slug}" (import items first)`);
    issues.throwIfAny();
  }
  // Ratings belong to rating studies, verdicts between two responses to the others; every line is checked
  // before anything is reported.
  const ratingStudy = study.design === "rating";
  const fitting = args.rows.filter((row) => {
    if (isRating(row) === ratingStudy) return true;
    if (ratingStudy)
      issues.add(row.line, "rating", "this study rates one response at a time: give model and rating");
    else
      issues.add(row.line, "rating", "this study compares two responses: give model_a, model_b and winner");
    return false;
  });
  if (ratingStudy)
    return importRatings(db, {
      file: args.file,
      slug: args.slug,
      study: { id: study.id, scale: study.scale! },
      rows: fitting as ParsedRating[],
      issues,
      records: args.rows.length,
    });
  const pairwise = fitting as ParsedJudgment[];
  // Each comparison by prompt and unordered pair of models; `first` is the model in the "reference" columns.
  const first = alias(models, "first_model");
  const comparisonRows = await db
    .select({
      id: comparisons.id,
      promptExternalId: prompts.externalId,
      first: first.name,
      baseline: models.name,
    })
    .from(comparisons)
    .innerJoin(prompts, eq(prompts.id, comparisons.promptId))
    .innerJoin(models, eq(models.id, comparisons.baselineModelId))
    .innerJoin(responses, eq(responses.id, comparisons.referenceResponseId))
    .innerJoin(first, eq(first.id, responses.modelId))
    .where(eq(comparisons.studyId, study.id));
  const pairKey = (prompt: string, a: string, b: string) =>
    a < b ? `${prompt}\u0000${a}\u0000${b}` : `${prompt}\u0000${b}\u0000${a}`;
  const byKey = new Map(comparisonRows.map((c) => [pairKey(c.promptExternalId, c.first, c.baseline), c]));
  const knownPrompts = new Set(comparisonRows.map((c) => c.promptExternalId));

  // Latest verdict per (annotator, comparison): later created_at wins, then later line.
  const live = new Map<string, Resolved>();
  for (const row of pairwise) {
    if (!knownPrompts.has(row.prompt_id)) {
      issues.add(
        row.line,
        "prompt_id",
        `no comparison for prompt "${row.prompt_id}" in study "${args.slug}"`,
      );
      continue;
    }
    const comparison = byKey.get(pairKey(row.prompt_id, row.model_a, row.model_b));
    if (study.reference !== null && comparison === undefined) {
      const aIsRef = row.model_a === study.reference;
      if (!aIsRef && row.model_b !== study.reference)
        issues.add(row.line, "model_a", `neither model is the study's reference "${study.reference}"`);
      else
        issues.add(
          row.line,
          aIsRef ? "model_b" : "model_a",
          `"${aIsRef ? row.model_b : row.model_a}" is not a baseline of prompt "${row.prompt_id}" in this study`,
        );
      continue;
    }
    if (comparison === undefined) {
      const known = new Set(
        comparisonRows
          .filter((c) => c.promptExternalId === row.prompt_id)
          .flatMap((c) => [c.first, c.baseline]),
      );
      const field = known.has(row.model_a) ? "model_b" : "model_a";
      issues.add(
        row.line,
        field,
        `no response of "${row[field]}" to prompt "${row.prompt_id}" in this study`,
      );
      continue;
    }
    const comparisonId = comparison.id;
    const mapped = toVerdict(row, comparison.first);
    // A judge's two orders of the same pair are kept apart (position consistency); a human has one live verdict.
    const order = row.kind === "judge" ? mapped.referenceSide : "";
    const key = `${row.kind}\u0000${row.annotator}\u0000${comparisonId}\u0000${order}`;
    const prev = live.get(key);
    const prevTime = prev?.row.created_at?.getTime() ?? -Infinity;
    const thisTime = row.created_at?.getTime() ?? -Infinity;
    if (!prev || thisTime >= prevTime) live.set(key, { row, comparisonId, ...mapped });
  }
  issues.throwIfAny();

  return db.transaction(async (tx) => {
    const { userIds, newAnnotators } = await ensureImportedAnnotators(
      tx,
      [...live.values()].filter((r) => r.row.kind === "human").map((r) => r.row.annotator),
    );

    const now = new Date();
    let written = 0;
    const all = [...live.values()];
    for (const kind of ["human", "judge"] as const) {
      const values = all
        .filter((r) => r.row.kind === kind)
        .map((r) => ({
          comparisonId: r.comparisonId,
          kind,
          userId: kind === "human" ? userIds.get(r.row.annotator)! : null,
          judgeName: kind === "judge" ? r.row.annotator : null,
          verdict: r.verdict,
          referenceSide: r.referenceSide,
          rationale: r.row.rationale ?? null,
          createdAt: r.row.created_at ?? now,
          updatedAt: now,
        }));
      const target =
        kind === "human"
          ? [judgments.comparisonId, judgments.userId]
          : [judgments.comparisonId, judgments.judgeName, judgments.referenceSide];
      for (const batch of chunks(values)) {
        const changed = await tx
          .insert(judgments)
          .values(batch)
          .onConflictDoUpdate({
            target,
            set: {
              verdict: sql`excluded.verdict`,
              referenceSide: sql`excluded.reference_side`,
              rationale: sql`excluded.rationale`,
              createdAt: sql`excluded.created_at`,
              updatedAt: sql`excluded.updated_at`,
            },
            // Never replace a newer verdict with an older one; never rewrite an identical one.
            setWhere: sql`excluded.created_at >= ${judgments.createdAt} and
              (${judgments.verdict}, ${judgments.referenceSide}, ${judgments.rationale}) is distinct from
              (excluded.verdict, excluded.reference_side, excluded.rationale)`,
          })
          .returning({ id: judgments.id });
        written += changed.length;
      }
    }
    return {
      study: args.slug,
      records: args.rows.length,
      live: all.length,
      written,
      unchanged: all.length - written,
      newAnnotators,
    };
  });
}
