import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/platform/db/client";
import {
  comparisons,
  enrollments,
  judgments,
  models,
  prompts,
  responses,
  studies,
  type StudyDesign,
} from "@/db/schema";

export type StudyProgress = {
  slug: string;
  title: string;
  design: StudyDesign;
  /** The reference design's reference model; null in other designs. */
  reference: string | null;
  /** Models with responses in the study. */
  models: number;
  /** A rating study's scale, worst first; null otherwise. */
  scale: string[] | null;
  prompts: number;
  baselines: number;
  comparisons: number;
  judgments: number;
  judgedComparisons: number;
  archived: boolean;
};

const promptCount = sql<number>`(select count(*)::int from ${prompts} p where p.study_id = ${studies.id})`;
const modelCount = sql<number>`(select count(distinct r.model_id)::int from ${responses} r
  join ${prompts} p on p.id = r.prompt_id where p.study_id = ${studies.id})`;
// Quality checks are comparisons too, but no part of the study's design: counted apart.
const comparisonCount = sql<number>`(select count(*)::int from ${comparisons} c where c.study_id = ${studies.id}
  and c.check_kind is null)`;
const baselineCount = sql<number>`(select count(distinct c.baseline_model_id)::int from ${comparisons} c
  where c.study_id = ${studies.id} and c.check_kind is null)`;
const judgmentCount = sql<number>`(select count(*)::int from ${judgments} j join ${comparisons} c on c.id = j.comparison_id
  where c.study_id = ${studies.id} and j.kind = 'human')`;
const judgedCount = sql<number>`(select count(distinct j.comparison_id)::int from ${judgments} j
  join ${comparisons} c on c.id = j.comparison_id where c.study_id = ${studies.id} and j.kind = 'human')`;

const progressColumns = {
  slug: studies.slug,
  title: studies.title,
  design: studies.design,
  scale: studies.scale,
  reference: models.name,
  models: modelCount,
  prompts: promptCount,
  baselines: baselineCount,
  comparisons: comparisonCount,
  judgments: judgmentCount,
  judgedComparisons: judgedCount,
  archived: sql<boolean>`${studies.archivedAt} is not null`,
};

export async function listStudiesWithProgress(db: Db): Promise<StudyProgress[]> {
  return db
    .select(progressColumns)
    .from(studies)
    .leftJoin(models, eq(models.id, studies.referenceModelId))
    .orderBy(studies.createdAt, studies.id);
}

export type StudyDetail = StudyProgress & {
  id: number;
  guidelines: string;
  overlapK: number;
  quota: number | null;
  leaseSeconds: number;
  onePerPrompt: boolean;
  annotatorTitle: string;
  verdictLabels: [string, string, string];
  enrolled: number;
  checkRate: number;
  repeatRate: number;
  practiceItems: number;
  qcMinChecks: number;
  qcMinAccuracy: number;
  qcMinSeconds: number;
  qcMaxFastShare: number;
  stoppedGetsCode: boolean;
  rationaleRequired: boolean;
  leakPolicy: "serve" | "mask" | "hold_out";
  /** Quality checks (gold and attention items) in the study. */
  checks: number;
  /** Per baseline (per model in other designs): comparisons, human verdicts, comparisons with k verdicts or more. */
  perBaseline: { model: string; comparisons: number; judgments: number; complete: number }[];
};

export async function getStudyDetail(db: Db, slug: string): Promise<StudyDetail | null> {
  const [study] = await db
    .select({
      id: studies.id,
      guidelines: studies.guidelines,
      overlapK: studies.overlapK,
      quota: studies.quota,
      leaseSeconds: studies.leaseSeconds,
      onePerPrompt: studies.onePerPrompt,
      annotatorTitle: studies.annotatorTitle,
      verdictLabels: studies.verdictLabels,
      enrolled: sql<number>`(select count(*)::int from ${enrollments} e where e.study_id = ${studies.id})`,
      checkRate: studies.checkRate,
      repeatRate: studies.repeatRate,
      practiceItems: studies.practiceItems,
      qcMinChecks: studies.qcMinChecks,
      qcMinAccuracy: studies.qcMinAccuracy,
      qcMinSeconds: studies.qcMinSeconds,
      qcMaxFastShare: studies.qcMaxFastShare,
      stoppedGetsCode: studies.stoppedGetsCode,
      rationaleRequired: studies.rationaleRequired,
      leakPolicy: studies.leakPolicy,
      checks: sql<number>`(select count(*)::int from ${comparisons} c where c.study_id = ${studies.id}
        and c.check_kind is not null)`,
      ...progressColumns,
    })
    .from(studies)
    .leftJoin(models, eq(models.id, studies.referenceModelId))
    .where(eq(studies.slug, slug));
  if (!study) return null;
  const perBaseline = await db
    .select({
      model: models.name,
      comparisons: sql<number>`count(distinct ${comparisons.id})::int`,
      judgments: sql<number>`count(${judgments.id}) filter (where ${judgments.kind} = 'human')::int`,
      complete: sql<number>`(select count(*)::int from ${comparisons} cc where cc.study_id = ${study.id}
        and cc.baseline_model_id = ${models.id} and cc.check_kind is null and (select count(*) from ${judgments} jj
          where jj.comparison_id = cc.id and jj.kind = 'human') >= ${study.overlapK})`,
    })
    .from(comparisons)
    .innerJoin(models, eq(models.id, comparisons.baselineModelId))
    .leftJoin(judgments, eq(judgments.comparisonId, comparisons.id))
    .where(and(eq(comparisons.studyId, study.id), isNull(comparisons.checkKind)))
    .groupBy(models.name, models.id)
    .orderBy(models.name);
  return { ...study, perBaseline };
}

export async function studyIdBySlug(db: Db, slug: string): Promise<number | null> {
  const [s] = await db.select({ id: studies.id }).from(studies).where(eq(studies.slug, slug));
  return s?.id ?? null;
}
