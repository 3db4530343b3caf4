import { aliasedTable, and, asc, eq, gt } from "drizzle-orm";
import type { Db } from "../client";
import { comparisons, judgments, models, prompts, studies, users } from "../schema";

export const JUDGMENT_COLUMNS = [
  "study",
  "prompt_id",
  "category",
  "reference_model",
  "baseline_model",
  "verdict",
  "winner_model",
  "reference_side_shown",
  "annotator",
  "annotator_group",
  "kind",
  "judge_name",
  "rationale",
  "duration_ms",
  "created_at",
] as const;
export type JudgmentExportRow = Record<(typeof JUDGMENT_COLUMNS)[number], string | number | null>;

const referenceModel = aliasedTable(models, "reference_model");
const baselineModel = aliasedTable(models, "baseline_model");

/**
 * Every live judgment of a study, one export row each, read in keyset-paginated batches so memory stays flat
 * however many there are. Annotators appear only by pseudonym.
 */
export async function* judgmentExportRows(db: Db, args: { slug: string; batchSize?: number }): AsyncGenerator<JudgmentExportRow> {
  const batchSize = args.batchSize ?? 5000;
  let lastId = 0;
  for (;;) {
    const batch = await db
      .select({
        id: judgments.id,
        promptId: prompts.externalId,
        category: prompts.category,
        reference: referenceModel.name,
        baseline: baselineModel.name,
        verdict: judgments.verdict,
        side: judgments.referenceSide,
        pseudonym: users.pseudonym,
        group: users.group,
        kind: judgments.kind,
        judgeName: judgments.judgeName,
        rationale: judgments.rationale,
        durationMs: judgments.durationMs,
        createdAt: judgments.createdAt,
      })
      .from(judgments)
      .innerJoin(comparisons, eq(comparisons.id, judgments.comparisonId))
      .innerJoin(studies, eq(studies.id, comparisons.studyId))
      .innerJoin(prompts, eq(prompts.id, comparisons.promptId))
      .innerJoin(referenceModel, eq(referenceModel.id, studies.referenceModelId))
      .innerJoin(baselineModel, eq(baselineModel.id, comparisons.baselineModelId))
      .leftJoin(users, eq(users.id, judgments.userId))
      .where(and(eq(studies.slug, args.slug), gt(judgments.id, lastId)))
      .orderBy(asc(judgments.id))
      .limit(batchSize);
    for (const r of batch) {
      yield {
        study: args.slug,
        prompt_id: r.promptId,
        category: r.category,
        reference_model: r.reference,
        baseline_model: r.baseline,
        verdict: r.verdict,
        winner_model: r.verdict === "tie" ? null : r.verdict === "reference" ? r.reference : r.baseline,
        reference_side_shown: r.side,
        annotator: r.kind === "human" ? r.pseudonym : null,
        annotator_group: r.group,
        kind: r.kind,
        judge_name: r.judgeName,
        rationale: r.rationale,
        duration_ms: r.durationMs,
        created_at: r.createdAt.toISOString(),
      };
    }
    if (batch.length < batchSize) return;
    lastId = batch[batch.length - 1].id;
  }
}
