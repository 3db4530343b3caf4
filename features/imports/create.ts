import { eq } from "drizzle-orm";
import { models, studies, type Study } from "@/db/schema";
import type { Db } from "@/platform/db/client";
import { AppError } from "@/platform/errors";
import type { ImportItemsRequest } from "./schemas";

/**
 * Creates a study with no items yet (`POST /api/v1/studies`): its design, reference, scale and baselines are fixed
 * here and later uploads follow them. A slug in use is `study_exists`.
 */
export async function createEmptyStudy(db: Db, r: ImportItemsRequest): Promise<Study> {
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: studies.id }).from(studies).where(eq(studies.slug, r.study));
    if (taken) throw new AppError("study_exists", r.study);
    let referenceModelId: number | null = null;
    if (r.reference) {
      await tx.insert(models).values({ name: r.reference }).onConflictDoNothing();
      [{ id: referenceModelId }] = await tx
        .select({ id: models.id })
        .from(models)
        .where(eq(models.name, r.reference));
    }
    const [study] = await tx
      .insert(studies)
      .values({
        slug: r.study,
        title: r.title ?? r.study,
        design: r.design,
        scale: r.scale ?? null,
        referenceModelId,
        baselines: r.baselines ?? null,
      })
      .returning();
    return study;
  });
}
