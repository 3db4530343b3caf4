import { eq } from "drizzle-orm";
import type { Db } from "@/platform/db/client";
import { enrol } from "@/features/annotation/queries/enrollments";
import { importItems } from "@/features/imports/queries/items";
import { studies, users, type Study } from "@/db/schema";
import type { StudyRules } from "@/features/annotation/queries/serving";
import { planItems, type ParsedPrompt } from "@/features/imports/items";
import { qualityRulesOf } from "@/features/annotation/quality";

/** A study of `prompts` prompts, each answered by "ref" and every baseline, written through the real import path. */
export async function makeStudy(
  db: Db,
  args: {
    slug: string;
    prompts: number;
    baselines?: string[];
    overlapK?: number;
    quota?: number | null;
    leaseSeconds?: number;
    onePerPrompt?: boolean;
  },
) {
  const baselines = args.baselines ?? ["base-1"];
  const parsed: ParsedPrompt[] = Array.from({ length: args.prompts }, (_, i) => ({
    line: i + 1,
    externalId: `p${i}`,
    text: `Prompt number ${i}`,
    messages: null,
    category: i % 2 ? "odd" : "even",
    source: null,
    responses: new Map([
      ["ref", `Reference answer ${i}`],
      ...baselines.map((b) => [b, `${b} answer ${i}`] as [string, string]),
    ]),
    turns: new Map(),
  }));
  await importItems(db, {
    file: args.slug,
    slug: args.slug,
    plan: planItems(args.slug, parsed, { reference: "ref", baselines }),
  });
  const [study] = await db
    .update(studies)
    .set({
      overlapK: args.overlapK ?? 1,
      quota: args.quota ?? null,
      leaseSeconds: args.leaseSeconds ?? 600,
      onePerPrompt: args.onePerPrompt ?? true,
    })
    .where(eq(studies.slug, args.slug))
    .returning();
  return study;
}

/** `n` annotators (imported identities) enrolled in the study. */
export async function makeAnnotators(db: Db, studyId: number, n: number, prefix = "ann") {
  const rows = await db
    .insert(users)
    .values(
      Array.from({ length: n }, (_, i) => ({
        externalId: `${prefix}-${studyId}-${i}`,
        role: "annotator" as const,
      })),
    )
    .returning();
  for (const u of rows) await enrol(db, { studyId, userId: u.id });
  return rows;
}

/** The serving rules of a study row, as the labelling API reads them. */
export const rulesOf = (s: Study): StudyRules => ({
  id: s.id,
  overlapK: s.overlapK,
  quota: s.quota,
  leaseSeconds: s.leaseSeconds,
  onePerPrompt: s.onePerPrompt,
  scaleSize: s.scale?.length ?? null,
  rationaleRequired: s.rationaleRequired,
  checkRate: s.checkRate,
  maskLeaks: s.leakPolicy === "mask",
  repeatRate: s.repeatRate,
  practiceItems: s.practiceItems,
  quality: qualityRulesOf({
    checkRate: s.checkRate,
    repeatRate: s.repeatRate,
    minChecks: s.qcMinChecks,
    minAccuracy: s.qcMinAccuracy,
    minSeconds: s.qcMinSeconds,
    maxFastShare: s.qcMaxFastShare,
  }),
});
