import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { comparisons, judgments, studies } from "@/db/schema";
import type { Db } from "@/platform/db/client";
import { AppError } from "@/platform/errors";
import { slugSchema } from "./settings";

export const archiveStudySchema = z.object({
  slug: slugSchema,
  archived: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]),
});

/** Archives (or restores) a study: archived, it serves no items and leaves annotators' lists; its data stay. */
export async function setStudyArchived(db: Db, input: z.output<typeof archiveStudySchema>): Promise<void> {
  const rows = await db
    .update(studies)
    .set({ archivedAt: input.archived ? sql`coalesce(${studies.archivedAt}, now())` : null })
    .where(eq(studies.slug, input.slug))
    .returning({ id: studies.id });
  if (rows.length === 0) throw new AppError("no_study", input.slug);
}

export const deleteStudySchema = z.object({
  slug: slugSchema,
  /** The slug typed again: required when the study holds verdicts. */
  confirm: z.string().trim().optional(),
});

/**
 * Deletes a study with everything in it (prompts, responses, comparisons, verdicts, links). A study with verdicts is
 * deleted only when its slug is typed again (`study_has_verdicts` otherwise).
 */
export async function deleteStudy(db: Db, input: z.output<typeof deleteStudySchema>): Promise<void> {
  await db.transaction(async (tx) => {
    const [study] = await tx
      .select({ id: studies.id })
      .from(studies)
      .where(eq(studies.slug, input.slug))
      .for("update");
    if (!study) throw new AppError("no_study", input.slug);
    const n = await verdictCount(tx, study.id);
    if (n > 0 && input.confirm !== input.slug) throw new AppError("study_has_verdicts", input.slug);
    // Judgments reference comparisons with a cascade; everything else hangs off the study the same way.
    await tx.delete(studies).where(eq(studies.id, study.id));
  });
}

/** Every stored verdict of a study, human and judge: what a delete would take with it. */
export async function verdictCount(db: Db, studyId: number): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(judgments)
    .innerJoin(comparisons, eq(comparisons.id, judgments.comparisonId))
    .where(eq(comparisons.studyId, studyId));
  return n;
}
