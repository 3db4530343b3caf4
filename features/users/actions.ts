"use server";

import { revalidatePath } from "next/cache";
import { unenrol } from "@/features/annotation";
import { getDb } from "@/platform/db";
import { action } from "@/platform/http/action";
import { enrolFormSchema, setDisabledFormSchema } from "./forms";
import {
  addUser,
  addUserSchema,
  enrolUser,
  setGroupSchema,
  setPassword,
  setPasswordSchema,
  setUserGroup,
} from "./manage";
import { setUserDisabled } from "./queries";
import { createApiToken, revokeApiToken, tokenNameSchema } from "./tokens";
import { z } from "zod";

export const createUserAction = action("admin", addUserSchema, async (input) => {
  const { user, password, generated } = await addUser(await getDb(), input);
  revalidatePath("/admin/users");
  return {
    message: generated
      ? `Created ${user.email} with password ${password} (shown once).`
      : `Created ${user.email}.`,
  };
});

export const setDisabledAction = action("admin", setDisabledFormSchema, async (input, user) => {
  if (input.userId === user!.id) return { message: "You cannot disable yourself." };
  await setUserDisabled(await getDb(), { id: input.userId, disabled: input.disabled });
  revalidatePath("/admin/users");
  return { message: input.disabled ? "Disabled." : "Enabled." };
});

export const resetPasswordAction = action("admin", setPasswordSchema, async (input) => {
  const { password } = await setPassword(await getDb(), input);
  return { message: `New password: ${password} (shown once).` };
});

export const setGroupAction = action("admin", setGroupSchema, async (input) => {
  const user = await setUserGroup(await getDb(), input);
  revalidatePath("/admin/users");
  return { message: user.group ? `Group set to "${user.group}".` : "Group removed." };
});

export const enrolAction = action("admin", enrolFormSchema, async (input) => {
  await enrolUser(await getDb(), { user: input.userId, study: input.studyId });
  revalidatePath("/admin/users");
  return { message: "Enrolled." };
});

export const unenrolAction = action("admin", enrolFormSchema, async (input) => {
  await unenrol(await getDb(), { studyId: input.studyId, userId: input.userId });
  revalidatePath("/admin/users");
  return { message: "Removed from the study." };
});

export const createTokenAction = action("researcher", tokenNameSchema, async (input, user) => {
  if (!user!.email) return { message: "Only users with an email can hold tokens." };
  const { token } = await createApiToken(await getDb(), { email: user!.email, name: input.name });
  revalidatePath("/settings");
  return { message: `Your new token (shown this once; copy it now): ${token}` };
});

export const revokeTokenAction = action(
  "researcher",
  z.object({ tokenId: z.coerce.number().int().positive() }),
  async (input, user) => {
    await revokeApiToken(await getDb(), { userId: user!.id, tokenId: input.tokenId });
    revalidatePath("/settings");
    return { message: "Revoked." };
  },
);
