"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/platform/db";
import { action } from "@/platform/http/action";
import { changeStudySettings, studySettingsFormSchema } from "./settings";

export const updateSettingsAction = action("researcher", studySettingsFormSchema, async (input) => {
  await changeStudySettings(await getDb(), input);
  revalidatePath(`/studies/${input.slug}`);
  return { message: "Saved." };
});
