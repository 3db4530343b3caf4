import { z } from "zod";
import { publishedResults } from "@/db/schema";
import { studyIdBySlug } from "@/features/studies";
import type { Db } from "@/platform/db/client";
import { AppError } from "@/platform/errors";

const share = z.coerce
  .number({ error: "a fraction between 0 and 1" })
  .min(0, "a fraction between 0 and 1")
  .max(1, "a fraction between 0 and 1");

/** A published result (e.g. LIMA's Figure 1 bar) drawn beside a baseline's measured one. */
export const publishedResultSchema = z
  .object({
    study: z.string().trim().min(1, "required"),
    baseline: z.string().trim().min(1, "required").max(200),
    kind: z.enum(["human", "judge"]).default("human"),
    wins: share,
    ties: share,
    losses: share,
    source: z.string().trim().min(1, "required").max(500),
  })
  .refine((v) => Math.abs(v.wins + v.ties + v.losses - 1) <= 0.011, {
    message: "wins, ties and losses must add up to 1",
    path: ["wins"],
  });
export type PublishedResult = z.output<typeof publishedResultSchema>;

export async function setPublishedResult(db: Db, input: PublishedResult): Promise<void> {
  const studyId = await studyIdBySlug(db, input.study);
  if (!studyId) throw new AppError("no_study", input.study);
  const shares = {
    referenceWins: input.wins,
    ties: input.ties,
    baselineWins: input.losses,
    source: input.source,
  };
  await db
    .insert(publishedResults)
    .values({ studyId, baseline: input.baseline, kind: input.kind, ...shares })
    .onConflictDoUpdate({
      target: [publishedResults.studyId, publishedResults.baseline, publishedResults.kind],
      set: shares,
    });
}
