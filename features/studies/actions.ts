"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { attentionSchema, generateAttentionChecks } from "@/features/annotation";
import { getDb } from "@/platform/db";
import { action } from "@/platform/http/action";
import { renderMarkdown } from "@/platform/markdown";
import { excludeStopped, exclusionSchema, setAnnotatorExcluded } from "./annotators";
import { itemExclusionSchema, resolveFlag, resolveFlagSchema, setItemExcluded } from "./items";
import { archiveStudySchema, deleteStudy, deleteStudySchema, setStudyArchived } from "./lifecycle";
import { changeStudySettings, slugSchema, studySettingsFormSchema } from "./settings";

export const updateSettingsAction = action("researcher", studySettingsFormSchema, async (input) => {
  await changeStudySettings(await getDb(), input);
  revalidatePath(`/studies/${input.slug}`);
  return { message: "Saved." };
});

/** The guidelines as annotators will see them: rendered and sanitized by the labelling page's own renderer. */
export const previewGuidelinesAction = action(
  "researcher",
  z.object({ guidelines: z.string().max(50_000, "at most 50,000 characters") }),
  async (input) => ({ message: "", html: renderMarkdown(input.guidelines) }),
);

export const archiveStudyAction = action("researcher", archiveStudySchema, async (input) => {
  await setStudyArchived(await getDb(), input);
  revalidatePath(`/studies/${input.slug}`);
  revalidatePath("/");
  return { message: input.archived ? "Archived: no items are served." : "Restored." };
});

export const deleteStudyAction = action("researcher", deleteStudySchema, async (input) => {
  await deleteStudy(await getDb(), input);
  revalidatePath("/");
  redirect("/");
});

export const excludeAnnotatorAction = action("researcher", exclusionSchema, async (input, user) => {
  await setAnnotatorExcluded(await getDb(), input, user!.id);
  revalidatePath(`/studies/${input.slug}`);
  revalidatePath(`/studies/${input.slug}/results`);
  return { message: input.exclude ? "Excluded from the results." : "Back in the results." };
});

export const resolveFlagAction = action("researcher", resolveFlagSchema, async (input) => {
  await resolveFlag(await getDb(), input);
  revalidatePath(`/studies/${input.slug}`);
  return { message: input.excludeItem ? "Resolved; the item is held out." : "Resolved; the item stays." };
});

export const itemExclusionAction = action("researcher", itemExclusionSchema, async (input) => {
  await setItemExcluded(await getDb(), input);
  revalidatePath(`/studies/${input.slug}/items/${input.comparisonId}`);
  return { message: input.excluded ? "Held out of serving and results." : "Back in serving and results." };
});

export const excludeStoppedAction = action(
  "researcher",
  z.object({ slug: slugSchema }),
  async (input, user) => {
    const n = await excludeStopped(await getDb(), input.slug, user!.id);
    revalidatePath(`/studies/${input.slug}`);
    return { message: `${n} stopped annotator${n === 1 ? "" : "s"} excluded from the results.` };
  },
);

export const generateAttentionAction = action("researcher", attentionSchema, async (input) => {
  const r = await generateAttentionChecks(await getDb(), input);
  revalidatePath(`/studies/${input.study}`);
  return { message: `${r.created} attention checks created; the study has ${r.total}.` };
});
