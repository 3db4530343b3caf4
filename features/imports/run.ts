import type { StudyDesign } from "@/db/schema";
import type { Db } from "@/platform/db/client";
import { prioritiseUncertainPairs } from "@/features/results";
import { applyLeakPolicy, renderInBackground, renderStoredTexts } from "@/features/annotation";
import { studyIdBySlug } from "@/features/studies";
import { importItems, type ItemsImportSummary } from "@/features/imports/queries/items";
import { importJudgments, type JudgmentsImportSummary } from "@/features/imports/queries/judgments";
import { parseItemsFile, planItems } from "./items";
import { parseJudgmentsFile } from "./judgments";
import type { ReadOptions } from "./records";

export type ItemsFileSummary = ItemsImportSummary & {
  /** Texts rendered and stored after the import (`render: "wait"`), or when they will be. */
  rendered: { prompts: number; responses: number; ms: number } | "background" | "at-start-up";
};

/**
 * Parse, validate and write an items file: the one path used by the CLI, the demo seed and the web app. Then the
 * new texts are rendered and sanitized once for serving: awaited (the CLI), in the background (uploads, so a large
 * file's request does not wait; serving renders what it meets before then), or left to the server's start-up pass
 * (the demo seed, which runs just before it: a background render would outlive a process that only prepares the
 * database and closes it).
 */
export async function importItemsFile(
  db: Db,
  args: {
    file: string;
    slug: string;
    design?: StudyDesign;
    reference?: string;
    baselines?: string[];
    scale?: string[];
    title?: string;
    render?: "wait" | "background" | "at-start-up";
  } & ReadOptions,
): Promise<ItemsFileSummary> {
  const name = args.displayName ?? args.file;
  const parsed = await parseItemsFile(args.file, args);
  const plan = planItems(name, parsed, {
    design: args.design,
    reference: args.reference,
    baselines: args.baselines,
    scale: args.scale,
  });
  const summary = await importItems(db, { file: name, slug: args.slug, title: args.title, plan });
  await prioritiseUncertainPairs(db, args.slug); // new comparisons join the order, where the study asks for one
  const studyId = await studyIdBySlug(db, args.slug);
  if (studyId) await applyLeakPolicy(db, studyId, { after: "import" }); // new texts naming a model follow the policy
  if (args.render === "at-start-up") return { ...summary, rendered: "at-start-up" };
  if (args.render === "background") {
    renderInBackground(db, { studyId: studyId ?? undefined });
    return { ...summary, rendered: "background" };
  }
  const { prompts, responses, ms } = await renderStoredTexts(db, { studyId: studyId ?? undefined });
  return { ...summary, rendered: { prompts, responses, ms: Math.round(ms) } };
}

export async function importJudgmentsFile(
  db: Db,
  args: { file: string; slug: string } & ReadOptions,
): Promise<JudgmentsImportSummary> {
  const rows = await parseJudgmentsFile(args.file, args);
  const summary = await importJudgments(db, { file: args.displayName ?? args.file, slug: args.slug, rows });
  await prioritiseUncertainPairs(db, args.slug); // new verdicts change which pairs are least certain
  return summary;
}
