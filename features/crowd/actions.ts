"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/platform/db";
import { action } from "@/platform/http/action";
import { baseUrl } from "@/platform/http/base-url";
import { createStudyLink, joinUrl, revokeLink } from "./links";
import { createLinkSchema, revokeLinkSchema } from "./schemas";

export const createLinkAction = action("admin", createLinkSchema, async (input) => {
  const link = await createStudyLink(await getDb(), input);
  revalidatePath(`/studies/${input.slug}`);
  return { message: `Created ${joinUrl(await baseUrl(), link.token)}` };
});

export const revokeLinkAction = action("admin", revokeLinkSchema, async (input) => {
  await revokeLink(await getDb(), { id: input.linkId });
  revalidatePath("/studies/[slug]", "page");
  return { message: "Revoked." };
});
