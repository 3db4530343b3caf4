"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/platform/db";
import { createLink, joinUrl, revokeLink, studyIdBySlug } from "@/features/crowd/links";
import { updateStudySettings } from "@/features/studies/queries";
import { action } from "@/platform/http/action";
import { baseUrl } from "@/platform/http/base-url";
import { createLinkFormSchema, revokeLinkFormSchema, studySettingsFormSchema } from "@/features/users/forms";

export const updateSettingsAction = action("researcher", studySettingsFormSchema, async (input) => {
  const ok = await updateStudySettings(await getDb(), {
    slug: input.slug,
    overlapK: input.overlapK,
    quota: input.quota ?? null,
    leaseSeconds: input.leaseMinutes * 60,
    annotatorTitle: input.annotatorTitle,
    guidelines: input.guidelines,
    verdictLabels: [input.labelA, input.labelTie, input.labelB],
  });
  revalidatePath(`/studies/${input.slug}`);
  return { message: ok ? "Saved." : "No such study." };
});

export const createLinkAction = action("admin", createLinkFormSchema, async (input) => {
  const db = await getDb();
  const studyId = await studyIdBySlug(db, input.slug);
  if (!studyId) return { message: "No such study." };
  const link = await createLink(db, { studyId, ...input });
  revalidatePath(`/studies/${input.slug}`);
  return { message: `Created ${joinUrl(await baseUrl(), link.token)}` };
});

export const revokeLinkAction = action("admin", revokeLinkFormSchema, async (input) => {
  await revokeLink(await getDb(), { id: input.linkId });
  revalidatePath("/studies/[slug]", "page");
  return { message: "Revoked." };
});
